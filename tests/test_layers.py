"""The packages of translit/ import one way, without cycles, and say why an import waits inside a function.

Layers, lowest first (a module may import its own layer's packages and the ones below, never above):

    base        translit (the package root), errors, files, caches, manifest, lazy, workers
    text        scripts, folding, given names
    schemes, morph
    glossary    model, loading, rules, search paths
    match       compiled index, cache, scanner
    detect      which language a text is in
    normalize, streaming
    translate, tools (glossary tools)
    documents   reading and writing documents of every format, normalized or translated; records
    translate.batch  resumable batch runs over documents
    engines     jobs over many documents, local or on Ray
    serve       the HTTP server
    cli, __main__

Every import counts, including those inside functions: hiding an import in a function does not
hide the dependency. An import inside a function is there only to keep start-up fast; it carries a
comment saying so (on its line, or above it and the imports right before it), or its module is on
ALLOWED_LOCAL below.
"""
from __future__ import annotations

import ast
import io
import tokenize
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "translit"

LAYERS: list[tuple[str, ...]] = [
    ("translit", "translit.errors", "translit.files", "translit.caches", "translit.manifest", "translit.lazy",
     "translit.workers"),
    ("translit.text",),
    ("translit.schemes", "translit.morph"),
    ("translit.glossary",),
    ("translit.match",),
    ("translit.detect",),  # which language a text is in (built on match.lang)
    ("translit.normalize", "translit.streaming"),  # streaming: normalize block by block
    ("translit.translate", "translit.tools"),
    ("translit.documents", "translit.records"),  # documents in any format; records (JSON Lines, CSV, Parquet...)
    ("translit.translate.batch",),  # batch runs read documents of any format
    ("translit.engines",),  # normalize and translate jobs over many documents, locally or on Ray
    ("translit.serve",),  # the HTTP server over the whole library
    ("translit.cli", "translit.__main__"),
]

# Modules whose function-local imports need no comment each, and why.
ALLOWED_LOCAL = {
    "translit.cli": "each command imports the library it calls inside its function, so `translit --help` "
                    "and every other command start without loading what they do not use",
    "translit.serve": "`translit serve --help` and the CLI import the package without the server stack; "
                      "the service loads the translation stack, documents and schemes on first use by an endpoint",
    "translit.engines": "one engine serves normalize and translate: a job loads only its own stack (never the "
                        "translation stack for normalize), and Ray and pyarrow (extras) only with --engine ray",
    "translit.records": "pyarrow (extras records, ray) loads only when a Parquet file is read or written",
    "translit.translate.fixture": "builds test models: numpy, onnx, sentencepiece and ctranslate2's converters "
                                  "(dev and translate extras) load only when a fixture is built",
}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module
    target: str  # the imported module, resolved
    line: int
    local: bool  # inside a function
    commented: bool


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_module(name: str) -> bool:
    rel = Path(*name.split("."))
    return (ROOT.parent / rel).with_suffix(".py").is_file() or (ROOT.parent / rel / "__init__.py").is_file()


def _comment_lines(source: str) -> set[int]:
    lines = set()
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            lines.add(tok.start[0])
    return lines


def _imports(path: Path, module: str | None = None) -> list[Import]:
    """Every import of one file; `module` names it when it lies outside translit/ (the self-test)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    module = module or _module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    comments = _comment_lines(source)
    local_nodes: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            local_nodes.update(id(sub) for sub in ast.walk(node) if sub is not node)
    import_lines = {n for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                    for n in range(node.lineno, (node.end_lineno or node.lineno) + 1)}
    out: list[Import] = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                source_module = ".".join(base + ([node.module] if node.module else []))
            else:
                source_module = node.module or ""
            # `from . import morph` imports the module translit.morph; `from .x import name`, module .x
            targets = [f"{source_module}.{alias.name}" if _is_module(f"{source_module}.{alias.name}")
                       else source_module for alias in node.names]
        else:
            continue
        local = id(node) in local_nodes
        # a comment on the statement, or above it and the imports right before it (one comment per block)
        above = node.lineno - 1
        while above in import_lines and above not in comments:
            above -= 1
        commented = above in comments or any(
            n in comments for n in range(node.lineno, (node.end_lineno or node.lineno) + 1))
        out += [Import(module, t, node.lineno, local, commented) for t in dict.fromkeys(targets)]
    return out


def _all_imports() -> list[Import]:
    return [imp for path in sorted(ROOT.rglob("*.py")) for imp in _imports(path)]


def _unit(name: str) -> str | None:
    """The layer unit a translit module belongs to (the most specific listed prefix)."""
    best = None
    for layer in LAYERS:
        for unit in layer:
            inside = name == unit or (unit != "translit" and name.startswith(unit + "."))  # the root: itself only
            if inside and (best is None or len(unit) > len(best)):
                best = unit
    return best


def _rank(unit: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if unit in layer)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


IMPORTS = _all_imports()
INTERNAL = [imp for imp in IMPORTS if imp.target == "translit" or imp.target.startswith("translit.")]


def test_every_module_of_translit_is_in_a_layer():
    modules = sorted({_module_name(p) for p in ROOT.rglob("*.py")})
    assert [m for m in modules if _unit(m) is None] == []


def test_no_import_goes_up_a_layer():
    upward = [f"{imp.module}:{imp.line} imports {imp.target}" for imp in INTERNAL
              if _rank(_unit(imp.target) or "translit") > _rank(_unit(imp.module) or "translit")]
    assert upward == []


def test_no_cycle_between_modules():
    edges: dict[str, set[str]] = {}
    for imp in INTERNAL:
        if imp.target != imp.module:
            edges.setdefault(imp.module, set()).add(imp.target)
    assert _cycles(edges) == []


def test_no_cycle_between_packages():
    edges: dict[str, set[str]] = {}
    for imp in INTERNAL:
        a, b = _unit(imp.module), _unit(imp.target)
        if a and b and a != b:
            edges.setdefault(a, set()).add(b)
    assert _cycles(edges) == []


def test_imports_inside_functions_say_why():
    unexplained = [f"{imp.module}:{imp.line} imports {imp.target}" for imp in IMPORTS
                   if imp.local and not imp.commented
                   and not any(imp.module == m or imp.module.startswith(m + ".") for m in ALLOWED_LOCAL)]
    assert unexplained == []


def _problems(imports: list[Import]) -> list[str]:
    out = []
    for imp in imports:
        internal = imp.target == "translit" or imp.target.startswith("translit.")
        if internal and _rank(_unit(imp.target) or "translit") > _rank(_unit(imp.module) or "translit"):
            out.append(f"up {imp.target}")
        if imp.local and not imp.commented:
            out.append(f"uncommented {imp.target}")
    return out


@pytest.mark.parametrize("source, expected", [
    ("import os\nfrom . import fold\n", []),
    ("def f():\n    from ..match import scan\n", ["up translit.match.scan", "uncommented translit.match.scan"]),
    ("def f():\n    # pyyaml costs 20 ms: only the data file needs it\n    import yaml\n", []),
    ("def f():\n    from .. import morph  # pymorphy3 loads its dictionaries on import\n", ["up translit.morph"]),
    ("def f():\n    import yaml\n", ["uncommented yaml"]),
    ("def f():\n    # the translation stack: first model only\n    import ctranslate2\n    import sentencepiece\n", []),
    ("def f():\n    import os  # cheap\n\n    import yaml\n", ["uncommented yaml"]),
    ("class A:\n    def f(self):\n        from ..glossary.model import Entry\n",
     ["up translit.glossary.model", "uncommented translit.glossary.model"]),
])
def test_the_walker_sees_local_upward_and_unexplained_imports(tmp_path, source, expected):
    path = tmp_path / "probe.py"
    path.write_text(source, encoding="utf-8")
    assert _problems(_imports(path, module="translit.text.probe")) == expected


def test_the_normalize_path_never_loads_the_translation_stack_or_the_cli():
    import subprocess
    import sys

    code = ("import sys, translit.normalize; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('argostranslate', 'ctranslate2', 'torch', 'stanza', 'typer', 'sentencepiece') "
            "or m.startswith('translit.cli') or m.startswith('translit.translate')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
