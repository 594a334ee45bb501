"""The libyaml-built node tree is the tree PyYAML's own composer builds, or the text goes to PyYAML.

Glossary tools read 50,000-entry files through libyaml's events (issue 15); these
tests hold that path to the pure-Python composer it replaced: same nodes, tags,
styles and marks, and every error, alias or too-deep file worded as before.
"""
from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings, strategies as st

from translit.glossary import load

BUNDLED = Path(__file__).resolve().parents[2] / "glossaries"


def _shape(node: yaml.Node | None, ends: bool = False) -> object:
    """A node tree as plain data. `ends`: also the end of lists and mappings (fmt reads them from the
    typed tree; libyaml and PyYAML end a block collection at different places, and nothing else reads it).
    flow_style as the code reads it: true or not (PyYAML gives None to an indentless list, libyaml False)."""
    if node is None:
        return None
    marks: tuple[int, ...] = (node.start_mark.line, node.start_mark.column, node.start_mark.index)
    if isinstance(node, yaml.ScalarNode):
        return ("scalar", node.tag, node.value, node.style or None, marks,
                (node.end_mark.line, node.end_mark.column, node.end_mark.index))
    if ends:
        marks += (node.end_mark.line, node.end_mark.column, node.end_mark.index)
    if isinstance(node, yaml.SequenceNode):
        return ("seq", node.tag, bool(node.flow_style), marks, [_shape(n, ends) for n in node.value])
    return ("map", node.tag, bool(node.flow_style), marks, [(_shape(k, ends), _shape(v, ends)) for k, v in node.value])


def _pure(text: str) -> object:
    loader = load._Loader(text)
    try:
        return ("tree", _shape(loader.get_single_node()))
    except load._TooDeep as exc:
        return ("deep", exc.mark.line, exc.mark.column)
    except yaml.YAMLError as exc:
        return ("error", str(exc))
    finally:
        loader.dispose()


def _fast(text: str) -> object:
    try:
        return ("tree", _shape(load._c_compose(text)))
    except load._Unreadable:
        return _pure(text)  # what compose() does: the pure composer reads it again
    except load._TooDeep as exc:
        return ("deep", exc.mark.line, exc.mark.column)


def test_the_fast_path_reads_the_bundled_glossaries_as_the_pure_composer_does():
    for path in sorted(BUNDLED.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert _fast(text) == _pure(text), path.name
        load._c_compose(text)  # and really through libyaml, not the fallback


def test_explicit_tags_flow_lists_quoted_and_block_scalars_keep_their_nodes():
    text = ("- id: a  # c\n  kind: !x other\n  en: 'A'\n  uk: \"Б\"\n  variants: [x, 'y', !!int 3]\n"
            "  note: |\n    two\n    lines\n  ru: >\n    folded\n  keep: ! 5\n  x: &anchor v\n- {id: b}\n---\n")
    assert _fast(text) == _pure(text)
    assert _fast("") == _pure("") == ("tree", None)
    assert _fast("# only a comment\n") == _pure("# only a comment\n")


def test_deep_nesting_stops_at_the_same_place():
    for text in ("[" * 40, "- " * 40 + "x\n", "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 40)),
                 "[" * (load.MAX_DEPTH - 1) + "x" + "]" * (load.MAX_DEPTH - 1)):
        assert _fast(text) == _pure(text)
    assert _fast("[" * load.MAX_DEPTH + "x")[0] == "deep"


_pieces = st.sampled_from(["- ", "  ", "\n", ": ", "id", "kind", "en", "x", "Київ", "'", '"', "[", "]", "{", "}",
                           ",", "#", " # c", "!!int ", "!t ", "&a ", "*a", "|", ">", "? ", "---", "...", "~",
                           "\t", "\r\n", "\x85", "%YAML 1.1", "\\", "ʼ", "-", ":"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=30))
def test_fuzz_the_fast_path_equals_the_pure_composer(parts):
    text = "".join(parts)
    assert _fast(text) == _pure(text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(BUNDLED.glob("*.yaml"))), st.data())
def test_fuzz_mutated_real_glossaries_read_the_same(source, data):
    text = source.read_text(encoding="utf-8")[:3000]
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(text)))
        text = text[:pos] + data.draw(_pieces) + text[pos + data.draw(st.integers(0, 4)):]
    assert _fast(text) == _pure(text)


def _typed_shape(text: str) -> object:
    """compose_typed's tree and verdict, or what the slow path (structure check, then yaml.compose) gives."""
    fast = load.compose_typed(text, "g.yaml")
    if fast is None:
        return None
    root, problem = fast
    return (str(problem) if problem else None), (None if problem else _shape(root, ends=True))


def _typed_slow(text: str) -> object:
    from translit.tools import fmt

    problem = load.structure_problem(text, "g.yaml")
    if problem is not None:
        return str(problem), None
    return None, _shape(yaml.compose(text, Loader=fmt._LOADER), ends=True)


def test_the_typed_fast_path_is_the_safe_loaders_tree_and_the_structure_check():
    for text in ("- id: a\n  kind: place\n  en: A\n  note: 2023-02-30\n  common_word: yes\n  variants: [1, '2', ~]\n",
                 "- id: a\n  note: !!int 3\n", "!glossary\n- id: a\n", "- !person\n  id: a\n", "- id: ! 5\n",
                 "- id: &x 5\n  en: !!str 3\n"):
        assert _typed_shape(text) == _typed_slow(text), text
    assert _typed_shape("- id: a\n  en: *b\n") is None  # aliases: the slow path refuses them


@settings(max_examples=300, deadline=None)
@given(st.lists(_pieces, max_size=30))
def test_fuzz_the_typed_fast_path_equals_the_slow_path(parts):
    text = "".join(parts)
    fast = _typed_shape(text)
    if fast is not None:
        assert fast == _typed_slow(text)


def _read_by_tree(text: str, monkeypatch) -> object:
    """read_file as it was before entries were streamed: the whole node tree first, then each entry."""
    whole = load._compose_checked
    with monkeypatch.context() as m:
        m.setattr(load, "_compose_checked", lambda t, each=None: whole(t))
        return _read(text)


def _read(text: str) -> object:
    entries, problems = load.read_file("g.yaml", data=text.encode("utf-8"))
    return [(e, e.positions) for e in entries], [str(p) for p in problems]


def test_entries_streamed_from_libyaml_are_read_as_from_the_whole_tree(monkeypatch):
    texts = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.yaml"))]
    texts += ["- id: a\n  kind: place\n  en: A\n  bogus: 1\n- just text\n- id: b\n  kind: place\n  en: B\n  variants: x\n"
              "- [1, 2]\n- id: c\n  kind: place\n  en: C\n---\n- id: d\n",  # a second document after three entries
              "- &x {id: a, kind: place, en: A}\n- *x\n",  # an alias after a streamed entry
              "{id: a, kind: place, en: A}\n", "!t\n- id: a\n  kind: place\n  en: A\n"]
    for text in texts:
        assert _read(text) == _read_by_tree(text, monkeypatch)
    assert _read(texts[0])[0], "the bundled glossary has entries"


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(BUNDLED.glob("*.yaml"))), st.data())
def test_fuzz_streamed_entries_equal_the_tree_reading(source, data):
    text = source.read_text(encoding="utf-8")[:3000]
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(text)))
        text = text[:pos] + data.draw(_pieces) + text[pos + data.draw(st.integers(0, 4)):]
    entries, problems = load.read_file("g.yaml", data=text.encode("utf-8"))
    whole = load._compose_checked
    load_cc = load._compose_checked
    try:
        load._compose_checked = lambda t, each=None: whole(t)
        tree = load.read_file("g.yaml", data=text.encode("utf-8"))
    finally:
        load._compose_checked = load_cc
    assert ([(e, e.positions) for e in entries], problems) == ([(e, e.positions) for e in tree[0]], tree[1])
