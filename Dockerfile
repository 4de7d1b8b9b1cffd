# The InnoGraph API, for the docker-compose stack (Neo4j backend).
# Stage 1: the explorer's drawing library from npm (the page never loads anything from the internet).
FROM node:20-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY ingest ./ingest
COPY api ./api
COPY cypher ./cypher
COPY --from=assets /build/node_modules/cytoscape/dist/cytoscape.min.js ./api/static/vendor/cytoscape.min.js
RUN pip install --no-cache-dir .
# cypher/ is read from the source tree next to the packages; keep the layout of the repo.
ENV PYTHONPATH=/app
EXPOSE 8000
CMD ["innograph", "serve", "--host", "0.0.0.0", "--port", "8000"]
