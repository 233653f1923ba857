#!/usr/bin/env python
"""MT throughput on a realistic-size model: argostranslate vs the workbench engine vs raw CT2.

Builds an Argos package offline with random weights and the size of a real Argos model
(6+6 layers, d_model 512, 8 heads, FFN 2048, 32k vocabulary, int8; SentencePiece trained on
the sample document and padded with synthetic pieces to 32k), with a spaCy sentence
splitter inside so argostranslate runs offline, installs it into a temporary Argos dir and
translates the same sentences three ways, all with the same beam size, thread count,
length penalty and output cap (random weights almost never emit `</s>`, so every sentence
decodes exactly `--max-len` tokens on every path):

  (a) `argostranslate.translate.translate(sentence, "en", "ur")`, one sentence at a time;
  (b) `workbench.engines.argos.ArgosEngine().translate_batch(sentences, "en", "ur")`;
  (c) one `ctranslate2.Translator.translate_batch` call on pre-tokenized input (the limit).

Then (c) again with other thread layouts: workers (inter_threads, batches in parallel) x
intra_threads (threads per batch; 0 = CTranslate2's default, all cores).
Model loading is excluded from the timings; each path is warmed up with one sentence.

    python bench/mt_throughput.py            # 200 sentences (about 2-3 minutes on 2 cores)
    python bench/mt_throughput.py --quick    # 40 sentences
    python bench/mt_throughput.py --workbench-src /path/to/checkout   # engine from elsewhere
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]

MODEL = dict(
    kind="random",
    num_layers=6,
    d_model=512,
    num_heads=8,
    ffn=2048,
    vocab_size=32000,
    quantization="int8",
    sentence_splitter=True,
)
LENGTH_PENALTY = 0.2  # what argostranslate and the workbench engine use


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="40 sentences instead of 200")
    parser.add_argument("--sentences", type=int, help="number of sentences (default 200)")
    parser.add_argument("--max-len", type=int, default=64, help="max_decoding_length (64)")
    parser.add_argument("--beam", type=int, default=4, help="beam size for all paths (4)")
    parser.add_argument("--threads", type=int, default=1, help="intra_threads for a/b/c (1)")
    parser.add_argument(
        "--workers", type=int, help="inter_threads for a/b/c (default: the workbench's)"
    )
    parser.add_argument(
        "--thread-sweep",
        default="1x1,2x1,1x2,1x0",
        help="WORKERSxINTRA layouts to time (c) with",
    )
    parser.add_argument("--skip-argos", action="store_true", help="skip (a), the slowest")
    parser.add_argument(
        "--workbench-src",
        type=Path,
        help="import `workbench` from this checkout (e.g. one that has the engine)",
    )
    args = parser.parse_args()
    if args.sentences is None:
        args.sentences = 40 if args.quick else 200
    if args.workers is None:
        from workbench import config

        args.workers = config.ct2_workers()
    return args


def configure_environment(tmp: Path, args: argparse.Namespace) -> None:
    """Private Argos dirs and equal settings for every path; before argostranslate loads."""
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        (tmp / name.lower()).mkdir()
        os.environ[name] = str(tmp / name.lower())
    (tmp / "argos-packages").mkdir()
    os.environ["ARGOS_PACKAGES_DIR"] = str(tmp / "argos-packages")
    for name in ("SNAP", "ARGOS_TRANSLATE_PACKAGE_DIR", "ARGOS_DEVICE_TYPE", "ARGOS_COMPUTE_TYPE"):
        os.environ.pop(name, None)
    os.environ["ARGOS_CHUNK_TYPE"] = "SPACY"  # the splitter inside the package; offline
    os.environ["ARGOS_BEAM_SIZE"] = str(args.beam)
    os.environ["ARGOS_INTRA_THREADS"] = str(args.threads)
    os.environ["ARGOS_INTER_THREADS"] = str(args.workers)
    os.environ["WORKBENCH_BEAM_SIZE"] = str(args.beam)
    os.environ["WORKBENCH_CT2_THREADS"] = str(args.threads)
    os.environ["WORKBENCH_CT2_WORKERS"] = str(args.workers)


def make_sentences(count: int, sample: list[str]) -> list[str]:
    """`count` sentences from the sample; repeats get a variation so none is identical."""
    sentences = [s for line in sample for s in re.split(r"(?<=[.!?])\s+", line) if s.strip()]
    out = []
    for i in range(count):
        base = sentences[i % len(sentences)]
        round_ = i // len(sentences)
        out.append(base if round_ == 0 else f"Update {round_}: {base}")
    return out


class CappedTranslator:
    """Wraps argostranslate's Translator so its translate_batch gets our decoding options."""

    def __init__(self, translator, **options):
        self._translator = translator
        self._options = options

    def translate_batch(self, *args, **kwargs):
        kwargs.update(self._options)
        return self._translator.translate_batch(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(self._translator, name)


def normalize(text: str) -> str:
    return " ".join(text.replace("▁", " ").split())


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:8.2f} sent/s  ({seconds:7.2f} s)"


def main() -> int:
    args = parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mt-bench-"))
    try:
        configure_environment(tmp, args)
        sys.path.insert(0, str(REPO_ROOT))
        import tests.fixtures.argos_package  # noqa: F401  (this checkout's, even with --workbench-src)

        if args.workbench_src:
            sys.path.insert(0, str(args.workbench_src.resolve()))
        return run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args: argparse.Namespace, tmp: Path) -> int:
    from tests.fixtures import network
    from tests.fixtures.argos_package import (
        build_argos_package,
        install_argos_package,
        sample_sentences,
        seed_argos_spacy_cache,
    )

    network.install()  # the benchmark never needs the network; make sure of it
    seed_argos_spacy_cache(Path(os.environ["XDG_CACHE_HOME"]) / "argos-translate")

    import ctranslate2
    import sentencepiece

    print(
        f"ctranslate2 {ctranslate2.__version__}, cpu cores {os.cpu_count()} "
        f"(load average {os.getloadavg()[0]:.1f}), "
        f"beam {args.beam}, workers (inter_threads) {args.workers}, intra_threads {args.threads}, "
        f"max_decoding_length {args.max_len}"
    )
    started = time.perf_counter()
    archive = build_argos_package(tmp / "build", from_code="en", to_code="ur", **MODEL)
    built = time.perf_counter()
    package = install_argos_package(archive)
    installed = time.perf_counter()
    model_mb = (package / "model" / "model.bin").stat().st_size / 2**20
    vocab = json.loads((package / "model" / "shared_vocabulary.json").read_text("utf-8"))
    print(
        f"model: 6+6 layers, d_model 512, 8 heads, ffn 2048, {len(vocab)} vocab, int8, "
        f"{model_mb:.0f} MiB; built in {built - started:.1f} s, "
        f"installed in {installed - built:.1f} s"
    )

    sentences = make_sentences(args.sentences, sample_sentences())
    sp = sentencepiece.SentencePieceProcessor(model_file=str(package / "sentencepiece.model"))
    tokens = [sp.encode(s, out_type=str) for s in sentences]
    lengths = sorted(len(t) for t in tokens)
    print(
        f"{len(sentences)} sentences, source pieces: mean {sum(lengths) / len(lengths):.0f}, "
        f"max {lengths[-1]}\n"
    )
    n = len(sentences)
    speeds: dict[str, float] = {}
    outputs: dict[str, list[str]] = {}

    # (a) argostranslate, one sentence at a time.
    if args.skip_argos:
        print("(a) argostranslate.translate      skipped (--skip-argos)")
    else:
        import argostranslate.translate

        translation = argostranslate.translate.get_translation_from_codes("en", "ur")
        translation.translate("Warm up.")  # loads the translator and the splitter
        underlying = translation.underlying  # CachedTranslation -> PackageTranslation
        underlying.translator = CappedTranslator(
            underlying.translator, max_decoding_length=args.max_len
        )
        t0 = time.perf_counter()
        outputs["a"] = [argostranslate.translate.translate(s, "en", "ur") for s in sentences]
        seconds = time.perf_counter() - t0
        speeds["a"] = n / seconds
        print(f"(a) argostranslate.translate      {rate(n, seconds)}")

    # (b) the workbench engine. Its translate_batch computes its own max_decoding_length;
    # while it loads its model, `ctranslate2.Translator` makes translators that override
    # that with ours (independent of how the engine names its constants).
    try:
        from workbench.engines.argos import ArgosEngine
    except ImportError as exc:
        print(
            "(b) workbench ArgosEngine         skipped: workbench.engines.argos is not in "
            f"this checkout ({exc}); merge main or pass --workbench-src"
        )
    else:
        real_translator = ctranslate2.Translator
        made: list[CappedTranslator] = []

        def capped_translator(*a, **kw) -> CappedTranslator:
            made.append(CappedTranslator(real_translator(*a, **kw), **engine_cap))
            return made[-1]

        engine_cap = dict(max_decoding_length=args.max_len)
        ctranslate2.Translator = capped_translator
        try:
            engine = ArgosEngine(threads=args.threads, beam_size=args.beam)
            engine.translate_batch(["Warm up."], "en", "ur")
        finally:
            ctranslate2.Translator = real_translator
        if not made:
            print(
                "(b) workbench ArgosEngine         skipped: it did not load its model through "
                "ctranslate2.Translator, so the output cap could not be applied"
            )
        else:
            t0 = time.perf_counter()
            result = engine.translate_batch(sentences, "en", "ur")
            seconds = time.perf_counter() - t0
            outputs["b"] = [hyps[0].text for hyps in result]
            speeds["b"] = n / seconds
            print(f"(b) workbench ArgosEngine         {rate(n, seconds)}")

    # (c) one raw CTranslate2 call.
    options = dict(
        beam_size=args.beam,
        length_penalty=LENGTH_PENALTY,
        max_decoding_length=args.max_len,
        replace_unknowns=True,
        max_batch_size=1024,
        batch_type="tokens",
    )

    def load(intra_threads: int, workers: int):
        return ctranslate2.Translator(
            str(package / "model"),
            device="cpu",
            inter_threads=workers,
            intra_threads=intra_threads,
        )

    def raw(intra_threads: int, workers: int) -> tuple[float, list[str]]:
        translator = load(intra_threads, workers)
        translator.translate_batch([tokens[0]], **options)  # warm up
        t0 = time.perf_counter()
        results = translator.translate_batch(tokens, **options)
        seconds = time.perf_counter() - t0
        return seconds, [sp.decode_pieces(r.hypotheses[0]) for r in results]

    raw_seconds, outputs["c"] = raw(args.threads, args.workers)
    speeds["c"] = n / raw_seconds
    print(f"(c) raw Translator.translate_batch {rate(n, raw_seconds)}")

    print()
    if "a" in speeds and "b" in speeds:
        print(f"b/a = {speeds['b'] / speeds['a']:.1f}x   (engine vs argostranslate)")
    if "b" in speeds:
        print(f"c/b = {speeds['c'] / speeds['b']:.2f}x  (raw CTranslate2 vs engine)")
    if "a" in speeds:
        print(f"c/a = {speeds['c'] / speeds['a']:.1f}x   (raw CTranslate2 vs argostranslate)")
    # Same model, same settings: outputs should match. Random weights give nearly flat
    # distributions, so tiny numeric differences between a batch of one and a padded batch
    # can flip a beam; those sentences are re-run one at a time to tell the two apart.
    reference = [normalize(t) for t in outputs["c"]]
    single = None
    for key in ("a", "b"):
        if key not in outputs:
            continue
        differ = [i for i in range(n) if normalize(outputs[key][i]) != reference[i]]
        line = f"outputs ({key}) identical to (c): {n - len(differ)}/{n}"
        if differ:
            single = single or load(args.threads, 1)
            alone = single.translate_batch(
                [tokens[i] for i in differ],
                max_batch_size=1,
                **{k: v for k, v in options.items() if k != "max_batch_size"},
            )
            explained = sum(
                normalize(sp.decode_pieces(r.hypotheses[0])) == normalize(outputs[key][i])
                for i, r in zip(differ, alone, strict=True)
            )
            line += f"; of the {len(differ)} others, {explained} match (c) run one at a time"
        print(line)

    print("\n(c) by thread layout (workers = inter_threads, batches in parallel):")
    for layout in [t.strip() for t in args.thread_sweep.split(",") if t.strip()]:
        workers, threads = (int(x) for x in layout.split("x"))
        same = (workers, threads) == (args.workers, args.threads)
        seconds = raw_seconds if same else raw(threads, workers)[0]
        label = f"workers={workers} intra_threads={threads}" + (
            " (all cores)" if threads == 0 else ""
        )
        print(f"    {label:<40} {rate(n, seconds)}")
    load_1, load_5, _ = os.getloadavg()
    print(
        f"\ntotal {time.perf_counter() - started:.0f} s; load average now {load_1:.1f} "
        f"(1 min), {load_5:.1f} (5 min) on {os.cpu_count()} cores: other load skews all this"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
