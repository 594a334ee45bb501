"""Hand-built argos packages for tests and benchmarks: no training, no downloads.

`build_copy_package` writes a genuine `.argosmodel` whose CTranslate2 model copies
its input exactly (an "identity" Transformer filled from numpy arrays), with a
SentencePiece model trained in-process on `data/fixture_corpus.txt` and a tiny
MiniSBD ONNX sentence splitter at `minisbd/<from>.onnx`, so argostranslate
never downloads a splitter. `build_random_package` writes a deterministic
random-weight model (it emits garbage) to compare decoding with argostranslate.
"""
from __future__ import annotations

import io
import json
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

__all__ = ["build_copy_package", "build_random_package", "build_sbd_onnx", "corpus_lines", "package_name"]

CORPUS = Path(__file__).with_name("data") / "fixture_corpus.txt"
SENTENCE_END = ".!?。！？"
LANG_NAMES = {"en": "English", "uk": "Ukrainian", "ru": "Russian"}


def package_name(from_code: str, to_code: str, version: str = "1.0") -> str:
    """The top-level folder name argos uses, e.g. `translate-en_uk-1_0`."""
    return f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"


def corpus_lines(extra: list[str] | None = None) -> list[str]:
    """Training text for the SentencePiece model (comment lines dropped)."""
    lines = [ln for ln in CORPUS.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    return lines + list(extra or [])


def _train_sentencepiece(vocab_size: int, extra_text: list[str] | None) -> bytes:
    import sentencepiece as spm

    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(corpus_lines(extra_text)),
        model_writer=buf,
        vocab_size=vocab_size,
        model_type="unigram",
        character_coverage=1.0,
        byte_fallback=True,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
        seed_sentencepiece_size=100000,
        user_defined_symbols=[f"⟦{i}⟧" for i in range(10)],
    )
    return buf.getvalue()


def _pieces(sp_model: bytes) -> list[str]:
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_proto=sp_model)
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def build_sbd_onnx(path: Path, lang: str = "en") -> Path:
    """Write a ~3 KB MiniSBD model that splits as a sentence splitter should.

    A sentence ends at `.!?` (or a CJK end mark) followed by a space and a capital
    letter or a digit: not inside numbers (3.5), addresses (budanov@kyiv.ua) or
    before a lower-case word (U.S. officials), and not after a single capital
    letter (initials: J. Smith, U.S. Army). The network looks at the next two and
    the previous two characters through MiniSBD's own features
    (space_before, capitalized, numeric).
    """
    import numpy as np
    from onnx import TensorProto, helper

    chars = list(SENTENCE_END)
    unit2id = {"<PAD>": 0, "<UNK>": 1, **{c: i + 2 for i, c in enumerate(chars)}}
    is_end = np.zeros((len(unit2id),), dtype=np.float32)
    for c in chars:
        is_end[unit2id[c]] = 1.0
    h = helper

    def const(name: str, values: list[Any], dtype: Any = TensorProto.INT64, shape: list[int] | None = None) -> Any:
        return h.make_tensor(name, dtype, shape if shape is not None else [len(values)], values)

    def feature(name: str, index: int) -> list[Any]:      # features[:, :, index] as [B, T]
        return [h.make_node("Gather", ["features", f"idx{index}"], [name], axis=2)]

    def shift(src: str, dst: str, by: int) -> list[Any]:
        """dst[t] = src[t + by] (0 past the ends); `by` may be negative."""
        if by > 0:
            return [h.make_node("Slice", [src, f"s{by}", "big", "ax1"], [f"{dst}_c"]),
                    h.make_node("Pad", [f"{dst}_c", f"pad_end{by}"], [dst])]
        return [h.make_node("Slice", [src, "zero", f"m{-by}", "ax1"], [f"{dst}_c"]),
                h.make_node("Pad", [f"{dst}_c", f"pad_start{-by}"], [dst])]

    nodes = [h.make_node("Gather", ["is_end_table", "units"], ["end"], axis=0)]
    nodes += feature("space", 0) + feature("cap", 1) + feature("num", 2)
    nodes += shift("space", "space1", 1) + shift("cap", "cap2", 2) + shift("num", "num2", 2)
    nodes += shift("cap", "capm1", -1) + shift("space", "spacem2", -2) + shift("end", "endm2", -2)
    nodes += [
        h.make_node("Max", ["cap2", "num2"], ["next_word"]),
        h.make_node("Mul", ["end", "space1"], ["a"]),
        h.make_node("Mul", ["a", "next_word"], ["b"]),
        # an initial: one capital after a space, a full stop or the start
        h.make_node("Max", ["spacem2", "endm2", "startm1"], ["gap"]),
        h.make_node("Mul", ["capm1", "gap"], ["initial"]),
        h.make_node("Sub", ["one", "initial"], ["not_initial"]),
        h.make_node("Mul", ["b", "not_initial"], ["brk"]),
        h.make_node("Unsqueeze", ["brk", "ax_last"], ["brk3"]),
        h.make_node("Mul", ["brk3", "delta"], ["scaled"]),
        h.make_node("Add", ["scaled", "base"], ["output"]),
    ]
    nodes[1:1] = feature("start", 4) + shift("start", "startm1", -1)
    inits = [
        h.make_tensor("is_end_table", TensorProto.FLOAT, [len(is_end)], is_end.tolist()),
        const("big", [1 << 30]), const("zero", [0]), const("ax1", [1]), const("ax_last", [2]),
        h.make_tensor("one", TensorProto.FLOAT, [], [1.0]),
        h.make_tensor("delta", TensorProto.FLOAT, [5], [-1.0, 0.0, 1.0, 0.0, 0.0]),
        h.make_tensor("base", TensorProto.FLOAT, [5], [1.0, 0.0, 0.0, 0.0, 0.0]),
    ]
    for i in (0, 1, 2, 4):
        inits.append(h.make_tensor(f"idx{i}", TensorProto.INT64, [], [i]))
    for k in (1, 2):
        inits += [const(f"s{k}", [k]), const(f"m{k}", [-k]),
                  const(f"pad_end{k}", [0, 0, 0, k]), const(f"pad_start{k}", [0, k, 0, 0])]
    graph = h.make_graph(
        nodes, "minisbd_fixture",
        [h.make_tensor_value_info("units", TensorProto.INT64, ["B", "T"]),
         h.make_tensor_value_info("features", TensorProto.FLOAT, ["B", "T", "F"])],
        [h.make_tensor_value_info("output", TensorProto.FLOAT, ["B", "T", 5])],
        inits,
    )
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 13)], producer_name="translit")
    model.ir_version = 8
    config = {"feat_funcs": ["space_before", "capitalized", "numeric", "end_of_para", "start_of_para"],
              "max_seqlen": 1000, "batch_size": 32, "skip_newline": False, "no_ssplit": False,
              "use_dictionary": False, "num_dict_feat": 0}
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False,
             "_unit2id": unit2id, "_id2unit": list(unit2id)}
    for key, value in {"config": json.dumps(config), "vocab": json.dumps(vocab),
                       "lexicon": "null", "lang_code": lang}.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = key, value
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(model.SerializeToString())
    return path


def _balanced_signs(rng: Any, n: int, dims: int) -> Any:
    """n distinct-ish ±1 vectors with zero mean and unit norm."""
    import numpy as np

    base = np.array([1.0] * (dims // 2) + [-1.0] * (dims // 2), dtype=np.float32)
    out = np.stack([rng.permutation(base) for _ in range(n)])
    return out / np.sqrt(dims)


def _position_table(max_len: int, dims: int) -> tuple[Any, float]:
    """Zero-mean unit-norm position vectors and the worst similarity of two distinct positions."""
    import numpy as np

    nfreq = dims // 4
    freqs = np.linspace(0.35, 2.9, nfreq) * (1 + 0.013 * np.arange(nfreq))
    pos = np.arange(max_len)[:, None] * freqs[None, :]
    table = np.concatenate([np.sin(pos), np.cos(pos), -np.sin(pos), -np.cos(pos)], axis=1)
    table /= np.linalg.norm(table, axis=1, keepdims=True)
    sims = table @ table[: min(max_len, 600)].T
    np.fill_diagonal(sims, -1)
    return table.astype(np.float32), float(sims.max())


def _identity_variables(vocab_size: int, layers: int, d_model: int, heads: int, ffn: int,
                        max_len: int, seed: int) -> dict[str, Any]:
    """OpenNMT-py-named weights of a pre-norm Transformer that copies its source."""
    import numpy as np

    rng = np.random.default_rng(seed)
    d_head = d_model // heads
    npos = min(d_head, d_model // 2) // 4 * 4          # position dims at the end of the vector
    ntok = d_model - npos                               # token dims first
    tok = _balanced_signs(rng, vocab_size, ntok)        # unit norm, zero mean
    pos, worst = _position_table(max_len, npos)
    gap = 1.0 - worst
    f32 = np.float32

    emb = np.zeros((vocab_size, d_model), f32)
    emb[:, :ntok] = tok / np.sqrt(d_model)              # ct2 scales embeddings by sqrt(d)
    pe = np.zeros((max_len, d_model), f32)
    pe[:, ntok:] = pos
    v: dict[str, Any] = {}

    def zeros(*shape: int) -> Any:
        return np.zeros(shape, f32)

    def ln(scope: str) -> None:
        v[f"{scope}.weight"] = np.ones(d_model, f32)
        v[f"{scope}.bias"] = zeros(d_model)

    def linear(scope: str, weight: Any) -> None:
        v[f"{scope}.weight"] = weight.astype(f32)
        v[f"{scope}.bias"] = zeros(weight.shape[0])

    def attention(scope: str, q: Any, k: Any, val: Any, out: Any) -> None:
        for name, w in (("linear_query", q), ("linear_keys", k), ("linear_values", val), ("final_linear", out)):
            linear(f"{scope}.{name}", w)

    def ffn_zero(scope: str) -> None:
        ln(f"{scope}.layer_norm")
        linear(f"{scope}.w_1", zeros(ffn, d_model))
        linear(f"{scope}.w_2", zeros(d_model, ffn))

    zero_sq = zeros(d_model, d_model)
    for side in ("encoder", "decoder"):
        v[f"{side}.embeddings.make_embedding.pe.pe"] = pe
    v["encoder.embeddings.make_embedding.emb_luts.0.weight"] = emb
    v["decoder.embeddings.make_embedding.emb_luts.0.weight"] = zeros(vocab_size, d_model)
    for i in range(layers):
        s = f"encoder.transformer.{i}"
        attention(f"{s}.self_attn", zero_sq, zero_sq, zero_sq, zero_sq)
        ln(f"{s}.layer_norm")
        ffn_zero(f"{s}.feed_forward")
    ln("encoder.layer_norm")
    # memory m_j = LN([t_j, p_j]) = sqrt(d/2) [t_j, p_j]; decoder query input LN([0, p_s]) = sqrt(d) [0, p_s]
    score_scale = 40.0 / gap
    beta = score_scale * np.sqrt(d_head) / (np.sqrt(d_model) * np.sqrt(d_model / 2))
    select_pos = zeros(d_model, d_model)
    for h in range(heads):
        for j in range(npos):
            select_pos[h * d_head + j, ntok + j] = 1.0
    keep_tok = np.diag(np.r_[np.ones(ntok), np.zeros(npos)]).astype(f32)
    for i in range(layers):
        s = f"decoder.transformer_layers.{i}"
        attention(f"{s}.self_attn", zero_sq, zero_sq, zero_sq, zero_sq)
        ln(f"{s}.layer_norm_1")
        ln(f"{s}.layer_norm_2")
        ffn_zero(f"{s}.feed_forward")
        last = i == layers - 1
        q = select_pos * beta if last else zero_sq
        attention(f"{s}.context_attn", q, select_pos, np.eye(d_model, dtype=f32) if last else zero_sq,
                  keep_tok if last else zero_sq)
    ln("decoder.layer_norm")
    gen = zeros(vocab_size, d_model)
    gen[:, :ntok] = tok * 60.0
    linear("generator", gen)
    return v


def _random_variables(vocab_size: int, layers: int, d_model: int, heads: int, ffn: int,
                      max_len: int, seed: int, eos_id: int) -> dict[str, Any]:
    """Random weights; `</s>` gets a bias so hypotheses end after a few tokens."""
    import numpy as np

    v = _identity_variables(vocab_size, layers, d_model, heads, ffn, max_len, seed)
    rng = np.random.default_rng(seed + 1)
    for name, value in v.items():
        if name.endswith("layer_norm.weight") or ".layer_norm" in name or name.endswith(".pe"):
            continue
        v[name] = (rng.standard_normal(value.shape) * 0.5).astype(np.float32)
    v["generator.bias"][eos_id] = 3.0
    return v


def _save_model(variables: dict[str, Any], pieces: list[str], layers: int, heads: int,
                out_dir: Path, quantization: str | None) -> None:
    # ctranslate2.specs imports torch when it can; numpy is all we need here
    blocked = "torch" not in sys.modules
    if blocked:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        from ctranslate2.converters.opennmt_py import set_transformer_spec
        from ctranslate2.specs import TransformerSpec
    finally:
        if blocked and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]

    spec = TransformerSpec.from_config((layers, layers), heads)
    set_transformer_spec(spec, variables)
    spec.config.add_source_eos = True
    spec.register_source_vocabulary(pieces)
    spec.register_target_vocabulary(pieces)
    spec.validate()
    spec.optimize(quantization=quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def _build(path: Path, from_code: str, to_code: str, *, kind: str, layers: int, d_model: int,
           heads: int, vocab_size: int, sp_vocab_size: int, max_len: int, version: str, seed: int,
           extra_text: list[str] | None, quantization: str | None) -> Path:
    sp_model = _train_sentencepiece(sp_vocab_size, extra_text)
    pieces = _pieces(sp_model)
    pieces += [f"<extra{i}>" for i in range(max(0, vocab_size - len(pieces)))]  # realistic softmax width
    ffn = 4 * d_model
    if kind == "copy":
        variables = _identity_variables(len(pieces), layers, d_model, heads, ffn, max_len, seed)
    else:
        variables = _random_variables(len(pieces), layers, d_model, heads, ffn, max_len, seed, eos_id=2)
    name = package_name(from_code, to_code, version)
    path = Path(path)
    out = path / f"{name}.argosmodel" if path.suffix != ".argosmodel" else path
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="translit-fixture-") as tmp:
        root = Path(tmp) / name
        root.mkdir()
        _save_model(variables, pieces, layers, heads, root / "model", quantization)
        (root / "sentencepiece.model").write_bytes(sp_model)
        build_sbd_onnx(root / "minisbd" / f"{from_code}.onnx", from_code)
        metadata = {
            "package_version": version, "argos_version": "1.0",
            "from_code": from_code, "from_name": LANG_NAMES.get(from_code, from_code),
            "to_code": to_code, "to_name": LANG_NAMES.get(to_code, to_code),
            "type": "translate", "links": [],
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text(f"translit test fixture ({kind} model), not a real translator.\n",
                                        encoding="utf-8")
        tmp_zip = out.with_suffix(".part")
        with zipfile.ZipFile(tmp_zip, "w", zipfile.ZIP_DEFLATED) as zf:
            for file in sorted(root.rglob("*")):
                info = zipfile.ZipInfo(str(file.relative_to(tmp)), date_time=(2024, 1, 1, 0, 0, 0))
                if file.is_dir():
                    continue
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, file.read_bytes())
        shutil.move(str(tmp_zip), out)
    return out


def build_copy_package(path: str | Path, from_code: str, to_code: str, *, layers: int = 1,
                       d_model: int = 128, heads: int = 1, vocab_size: int = 0, sp_vocab_size: int = 600,
                       max_len: int = 1024, version: str = "1.0", seed: int = 0,
                       extra_text: list[str] | None = None, quantization: str | None = None) -> Path:
    """Write an exact-copy `.argosmodel` for `from_code`→`to_code` into directory `path`; return its path.

    `vocab_size` pads the model vocabulary beyond the SentencePiece pieces (0: no padding);
    `extra_text` adds training lines for the SentencePiece model.
    """
    return _build(Path(path), from_code, to_code, kind="copy", layers=layers, d_model=d_model, heads=heads,
                  vocab_size=vocab_size, sp_vocab_size=sp_vocab_size, max_len=max_len, version=version,
                  seed=seed, extra_text=extra_text, quantization=quantization)


def build_random_package(path: str | Path, from_code: str, to_code: str, *, d_model: int = 32,
                         version: str = "1.0", seed: int = 7) -> Path:
    """Write a small random-weight `.argosmodel` (deterministic garbage output)."""
    return _build(Path(path), from_code, to_code, kind="random", layers=1, d_model=d_model, heads=2,
                  vocab_size=0, sp_vocab_size=600, max_len=512, version=version, seed=seed,
                  extra_text=None, quantization=None)
