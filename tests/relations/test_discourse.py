"""Relations across sentences: group words and anaphors standing for actors of earlier sentences.

Sentences written for these tests (invented actors).
"""

from __future__ import annotations

from tests.relations.helpers import EntitySpec, make_doc, make_entities, run, triples

XH = ("星河科技", "Enterprise", [])
LW = ("蓝湾集团", "Enterprise", [])
BC = ("北辰材料", "Enterprise", [])
QC = ("青川大学", "University", [])
NT = ("南通市", "City", ["南通"])
LAB = ("青川联合实验室", "Platform", [])
INST = ("南通先进制造研究院", "ResearchInstitute", [])
HUB = ("南通技术转移中心", "Platform", [])


def _triples(text: str, specs: list[EntitySpec]) -> set[tuple[str, str, str]]:
    rels, by_id = run(make_doc(text), make_entities(text, specs))
    return triples(rels, by_id)


def _builds(product: str, *builders: str) -> set[tuple[str, str, str]]:
    return {("CO_BUILDS", b, product) for b in builders}


def test_both_parties_of_the_previous_sentence_build_what_they_agreed() -> None:
    text = "6月2日,南通市与青川大学签署战略合作协议。双方将共建南通先进制造研究院。"
    assert _triples(text, [NT, QC, INST]) == {
        ("COOPERATES_WITH", "南通市", "青川大学"),
        *_builds("南通先进制造研究院", "南通市", "青川大学"),
    }


def test_the_parties_agree_in_one_clause_and_build_in_the_next() -> None:
    text = "南通市与青川大学签署战略合作框架协议。双方约定,筹建南通先进制造研究院。"
    assert _builds("南通先进制造研究院", "南通市", "青川大学") <= _triples(text, [NT, QC, INST])


def test_a_list_of_builds_after_a_colon_goes_on_over_semicolons() -> None:
    text = (
        "南通市与青川大学签署战略合作协议。未来,双方将重点推进三项共建:共建南通先进制造研究院;"
        "共建青川联合实验室和南通技术转移中心,服务地方产业;"
    )
    got = _triples(text, [NT, QC, INST, LAB, HUB])
    for product in ("南通先进制造研究院", "青川联合实验室", "南通技术转移中心"):
        assert _builds(product, "南通市", "青川大学") <= got


def test_a_group_word_must_count_the_parties() -> None:
    # three parties are no 双方, one pair is no 三方
    three = "星河科技、蓝湾集团和北辰材料签署合作协议。双方将共建青川联合实验室。"
    assert not any(t[0] == "CO_BUILDS" for t in _triples(three, [XH, LW, BC, LAB]))
    pair = "星河科技与青川大学签署合作协议。三方将共建青川联合实验室。"
    assert not any(t[0] == "CO_BUILDS" for t in _triples(pair, [XH, QC, LAB]))
    trio = "星河科技、蓝湾集团与青川大学签署合作协议。三方将共建青川联合实验室。"
    assert _builds("青川联合实验室", "星河科技", "蓝湾集团", "青川大学") <= _triples(trio, [XH, LW, QC, LAB])


def test_a_group_word_far_from_the_cooperation_refers_to_nothing() -> None:
    filler = "全市科技工作稳步推进,创新环境持续优化。" * 40
    text = "南通市与青川大学签署战略合作协议。" + filler + "双方将共建南通先进制造研究院。"
    assert not any(t[0] == "CO_BUILDS" for t in _triples(text, [NT, QC, INST]))


def test_a_group_word_without_an_earlier_cooperation_refers_to_nothing() -> None:
    text = "南通市召开科技工作会议。双方将共建南通先进制造研究院。"
    assert _triples(text, [NT, INST]) == set()


def test_the_institute_named_by_its_short_anaphor() -> None:
    text = "南通先进制造研究院于去年揭牌。该院由南通市与青川大学共建。"
    assert _triples(text, [NT, QC, INST]) == _builds("南通先进制造研究院", "南通市", "青川大学")


def test_the_university_named_by_its_anaphor() -> None:
    text = "星河科技与青川大学签订合作协议。该校将与蓝湾集团共建青川联合实验室。"
    assert _builds("青川联合实验室", "青川大学", "蓝湾集团") <= _triples(text, [XH, QC, LW, LAB])


def test_a_sentence_about_part_of_the_last_one_keeps_its_subject() -> None:
    text = "星河科技与青川大学、蓝湾集团签订合作协议。其中,与青川大学共建青川联合实验室。"
    got = _triples(text, [XH, QC, LW, LAB])
    assert _builds("青川联合实验室", "星河科技", "青川大学") <= got
    assert ("CO_BUILDS", "南通市", "青川联合实验室") not in got


def test_without_the_opener_a_report_sentence_is_the_jurisdictions() -> None:
    text = "南通市科技局工作总结\n星河科技与青川大学签订合作协议。与蓝湾集团共建青川联合实验室。"
    got = _triples(text, [NT, XH, QC, LW, LAB])
    assert _builds("青川联合实验室", "南通市", "蓝湾集团") <= got
    assert ("CO_BUILDS", "星河科技", "青川联合实验室") not in got


def test_an_institution_naming_itself_in_its_own_news() -> None:
    text = "青川大学新闻网讯 近日,我校与南通市签订战略合作协议。青川大学副校长出席签约仪式。"
    assert _triples(text, [QC, NT]) == {("COOPERATES_WITH", "南通市", "青川大学")}
    # two universities mentioned as often: 我校 is neither
    other = ("海东理工学院", "University", [])
    text = "青川大学、海东理工学院代表出席。我校与南通市签订战略合作协议。"
    assert _triples(text, [QC, other, NT]) == set()


def test_two_places_named_as_the_two_places() -> None:
    rg = ("如皋市", "City", ["如皋"])
    text = "南通市与如皋市签署科技合作协议。两地将合作共建南通先进制造研究院。"
    assert _builds("南通先进制造研究院", "南通市", "如皋市") <= _triples(text, [NT, rg, INST])


def test_the_parties_of_a_meeting_sign_as_both_sides() -> None:
    gov = ("南通市人民政府", "GovernmentAgency", ["市政府"])
    text = "市政府与青川大学举行工作会谈,双方签署全面战略合作协议。"
    assert _triples(text, [gov, QC]) == {("COOPERATES_WITH", "南通市人民政府", "青川大学")}
    text = "市政府与青川大学举行工作会谈。双方将共建南通先进制造研究院。"
    assert _triples(text, [gov, QC, INST]) == _builds("南通先进制造研究院", "南通市人民政府", "青川大学")


def test_a_visitor_and_its_host_are_both_sides() -> None:
    text = "南通市党政代表团赴青川大学考察交流,双方签署战略合作协议。"
    assert _triples(text, [NT, QC]) == {("COOPERATES_WITH", "南通市", "青川大学")}
    # a meeting or a visit alone is no relation
    assert _triples("南通市党政代表团赴青川大学考察交流。", [NT, QC]) == set()
