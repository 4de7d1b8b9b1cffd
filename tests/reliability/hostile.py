"""A corpus of hostile inputs, generated on demand (never stored): what a careless or hostile folder holds.

    python -m tests.reliability.hostile OUT_DIR     # writes the folder and prints what each entry is

Every entry is named after what it is. :data:`EXPECTED` says, for each, whether an ingest loads it
(``load``) or lists it as not read, with a word its reason must contain.
"""

from __future__ import annotations

import io
import os
import random
import sys
import zipfile
from pathlib import Path

GOOD_A = "甲市科学技术局2021年工作总结\n\n2021年，南京大学与甲市星河电子有限公司签订战略合作协议。\n"
GOOD_B = "乙市科学技术局2022年工作要点\n\n推动东南大学与乙市云帆材料有限公司共建云帆材料研究院。\n"

_DOCX_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>'
)


def _docx(body_xml: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", _DOCX_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{_W}"><w:body>{body_xml}</w:body></w:document>')
    return buf.getvalue()


def big_docx(inflated_mb: int, seed: int = 0) -> bytes:
    """A DOCX whose ``document.xml`` inflates to about ``inflated_mb`` MB of short runs of varied Chinese
    text at a compression ratio near 20, under every bomb check (as an 8 MB file inflating to 150 MB
    is): the memory test of a reader. A block of random text over a small alphabet is written again
    and again (deflate's 32 KB window cannot see the repeats)."""
    rng = random.Random(seed)
    pool = [chr(c) for c in range(0x4E00, 0x4E00 + 6)]
    block = "".join(
        "<w:p>" + "".join(f"<w:r><w:t>{''.join(rng.choices(pool, k=3))}</w:t></w:r>" for _ in range(100)) + "</w:p>"
        for _ in range(400)
    )
    repeats = max(1, inflated_mb * 1_000_000 // len(block.encode("utf-8")))
    return _docx(block * repeats)


def zip_bomb_docx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _DOCX_TYPES)
        zf.writestr("word/document.xml", b"<" + b"a" * 60_000_000 + b">")
    return buf.getvalue()


def deep_html(levels: int) -> str:
    return (
        "<html><head><title>深层网页</title></head><body>"
        + "<div>" * levels
        + "<p>丙市科学技术局与浙江大学签订合作协议。</p>"
        + "</div>" * levels
        + "</body></html>"
    )


def write(folder: Path, *, big_docx_mb: int = 0) -> dict[str, str]:
    """Write the hostile folder; returns entry name -> what it is. ``big_docx_mb`` adds the large DOCX."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, str] = {}

    def put(name: str, data: bytes | str, what: str) -> None:
        (folder / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        made[name] = what

    put("good_a.txt", GOOD_A, "a good document")
    put("good_b.txt", GOOD_B.encode("gb18030"), "a good document in GB18030")
    tail = GOOD_A.replace("甲市", "丁市") + "科技工作稳步推进。\n" * 4000 + "尾部\x00\x00损坏。\n"
    put("nul_past_the_head.txt", tail, "NUL bytes past the 64 KiB the binary sniff reads")
    put("deep_200k.html", deep_html(200_000), "HTML nested 200,000 levels deep")
    put("empty.txt", b"", "an empty file")
    put("binary.txt", bytes(range(256)) * 64, "binary data named .txt")
    put("junk.docx", b"PK\x03\x04" + os.urandom(2048), "a damaged zip named .docx")
    put("bomb.docx", zip_bomb_docx(), "a DOCX whose body inflates 1000-fold")
    put("truncated.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "a truncated PDF")
    if big_docx_mb:
        put("big_body.docx", big_docx(big_docx_mb), f"a DOCX whose body inflates to {big_docx_mb} MB (low ratio)")
    os.mkfifo(folder / "pipe.txt")
    made["pipe.txt"] = "a named pipe"
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    made["loop.txt"] = "a symbolic link to itself"
    (folder / "zero.txt").symlink_to("/dev/zero")
    made["zero.txt"] = "a link to /dev/zero"
    (folder / "gone.txt").symlink_to(folder / "no-such-file.txt")
    made["gone.txt"] = "a broken symbolic link"
    return made


#: entry -> ("load", "") or ("skip", a word the reason contains)
EXPECTED: dict[str, tuple[str, str]] = {
    "good_a.txt": ("load", ""),
    "good_b.txt": ("load", ""),
    "nul_past_the_head.txt": ("load", ""),
    "deep_200k.html": ("load", ""),
    "empty.txt": ("skip", "empty"),
    "binary.txt": ("skip", "binary"),
    "junk.docx": ("skip", "zip"),
    "bomb.docx": ("skip", "ratio"),
    "truncated.pdf": ("skip", "pdf"),
    "big_body.docx": ("skip", "longer than"),
    "pipe.txt": ("skip", "named pipe"),
    "loop.txt": ("skip", "loop"),
    "zero.txt": ("skip", "character device"),
    "gone.txt": ("skip", "broken"),
}


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile")
    for name, what in write(out, big_docx_mb=int(os.environ.get("BIG_DOCX_MB", "0"))).items():
        print(f"{name}\t{what}")
