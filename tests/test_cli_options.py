"""Every command spells the target `--to` and the source `--from`; the old `--tgt` and
`--src` still work but no help, usage or error mentions them."""

from __future__ import annotations

import argparse

import pytest

from workbench.cli import build_parser, main


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    """(command words, parser) for every command and subcommand."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*prefix, name), sub
                yield from _commands(sub, (*prefix, name))


COMMANDS = dict(_commands(build_parser()))
WITH_TARGET = {
    words: sub
    for words, sub in COMMANDS.items()
    if any(a.dest == "tgt" and a.option_strings for a in sub._actions)
}


def test_the_commands_that_take_a_target_language_are_found():
    assert {("qa",), ("score",), ("align",), ("translate",), ("export",)} <= set(WITH_TARGET)


@pytest.mark.parametrize("words", sorted(WITH_TARGET), ids=" ".join)
def test_the_target_is_spelled_to_in_help_and_usage(words):
    sub = WITH_TARGET[words]
    (action,) = [a for a in sub._actions if a.dest == "tgt"]
    assert action.option_strings == ["--to"]
    assert "--tgt" not in sub.format_help()
    assert "--to LANG" in sub.format_usage() or not action.required


@pytest.mark.parametrize("words", sorted(WITH_TARGET), ids=" ".join)
def test_tgt_still_parses_as_the_target(words):
    sub = WITH_TARGET[words]
    positionals = ["x" for a in sub._actions if not a.option_strings and a.nargs is None]
    assert sub.parse_args([*positionals, "--tgt", "ps"]).tgt == "ps"
    assert sub.parse_args([*positionals, "--to", "ps"]).tgt == "ps"


def test_no_command_mentions_tgt_or_src_options_in_its_help():
    for words, sub in COMMANDS.items():
        text = sub.format_help()
        assert "--tgt" not in text and "--src" not in text, words


def test_src_still_parses_as_the_source_of_align():
    sub = COMMANDS[("align",)]
    assert sub.parse_args(["a", "b", "--src", "fa", "--to", "ur"]).src == "fa"
    assert sub.parse_args(["a", "b", "--from", "fa", "--to", "ur"]).src == "fa"


def test_a_missing_target_is_named_to_in_the_error(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["qa", "x.tsv"])
    assert exited.value.code == 2
    assert capsys.readouterr().err.strip().endswith("the following arguments are required: --to")
