"""Markdown in, Markdown out: code, URLs, front matter and reference definitions are never text."""
from __future__ import annotations

from pathlib import Path

import pytest

from translit.cli import app
from translit.documents import normalize_document, translate_document

from .helpers import replace_once

DOC = """---
title: Kiev diary
tags: [Kiev, Kharkov]
---
# Notes from Kiev

Officials in **Kiev** met *Kyr*olo Budanov and [the mayor of Kharkov](https://example.org/Kiev "Kiev map")
before lunch &amp; talks; see `Kiev.conf` and [Odessa][odessa-ref].

```python
city = "Kiev"
```

    Kiev in an indented code block

> Quote from Odessa
> about Kharkov.

- First item in Kiev
- Second item with ![Kiev at night](kiev.jpg)

| City | Region |
|------|--------|
| Kiev | Kharkov `Kiev` |

<div class="Kiev">Raw HTML about Kiev</div>

[odessa-ref]: https://example.org/Odessa "Odessa"
"""


def test_normalize_changes_only_text() -> None:
    result = normalize_document(DOC.encode(), "md")
    expected = replace_once(DOC, [
        ("# Notes from Kiev", "# Notes from Kyiv"),
        ("**Kiev**", "**Kyiv**"),
        ("*Kyr*olo Budanov", "*Kyr*ylo Budanov"),
        ("mayor of Kharkov]", "mayor of Kharkiv]"),
        ("[Odessa][", "[Odesa]["),
        ("Quote from Odessa", "Quote from Odesa"),
        ("about Kharkov.", "about Kharkiv."),
        ("item in Kiev", "item in Kyiv"),
        ("![Kiev at night]", "![Kyiv at night]"),
        ("| Kiev | Kharkov `Kiev` |", "| Kyiv | Kharkiv `Kiev` |"),
        ("Raw HTML about Kiev", "Raw HTML about Kyiv"),
    ])
    assert result.data.decode() == expected


def test_json_positions_point_into_the_file() -> None:
    result = normalize_document(DOC.encode(), "md")
    for m in result.mentions:
        if "\n" not in m["found"] and "Kyr" not in m["found"]:
            assert DOC[m["start"]:m["end"]] == m["found"]
    assert "Kyr*olo Budanov" in [DOC[m["start"]:m["end"]] for m in result.mentions]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_translate_with_copy_model_keeps_markup(copy_models, enforcer, house, lang: str) -> None:  # type: ignore[no-untyped-def]
    kyiv, kharkiv, odesa = house["kyiv"][lang], house["kharkiv"][lang], house["odesa"][lang]
    budanov = house["kyrylo-budanov"][lang]
    data, _ = translate_document(DOC.encode(), "md", target=lang, enforcer=enforcer)
    expected = replace_once(DOC, [
        ("# Notes from Kiev", f"# Notes from {kyiv}"),
        ("**Kiev**", f"**{kyiv}**"),
        ("*Kyr*olo Budanov and", "*{}* {} and".format(*budanov.split())),
        ("mayor of Kharkov]", f"mayor of {kharkiv}]"),
        ("[Odessa][", f"[{odesa}]["),
        ("Quote from Odessa", f"Quote from {odesa}"),
        ("about Kharkov.", f"about {kharkiv}."),
        ("item in Kiev", f"item in {kyiv}"),
        ("![Kiev at night]", f"![{kyiv} at night]"),
        ("| Kiev | Kharkov `Kiev` |", f"| {kyiv} | {kharkiv} `Kiev` |"),
        ("Raw HTML about Kiev", f"Raw HTML about {kyiv}"),
    ])
    assert data.decode() == expected


def test_cli_translate_writes_markdown(runner, copy_models, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "notes.md"
    src.write_text(DOC)
    out = tmp_path / "out"
    result = runner.invoke(app, ["translate", str(src), "--to", "uk", "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = (out / "notes.uk.md").read_text()
    assert "# Notes from Київ" in text and 'city = "Kiev"' in text and "tags: [Kiev, Kharkov]" in text
