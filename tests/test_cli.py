"""The command line's contract: commands listed, exit 0/1/2, one clear line instead of a traceback."""

from __future__ import annotations


def test_help_lists_the_commands(cli):
    result = cli("--help")
    assert result.returncode == 0
    for command in ("build", "validate", "ingest", "stats"):
        assert command in result.stdout


def test_no_command_and_bad_options_are_usage_errors(cli):
    assert cli().returncode == 2
    bad = cli("build", "--no-such-option")
    assert bad.returncode == 2 and "unrecognized arguments: --no-such-option" in bad.stderr
    wrong_kind = cli("ingest", "poem", "x.txt")
    assert wrong_kind.returncode == 2 and "invalid choice: 'poem'" in wrong_kind.stderr


def test_stats_and_validate_before_any_build(cli, tmp_path):
    for command in ("stats", "validate"):
        result = cli(command, home=tmp_path / "empty")
        assert result.returncode == 1
        assert "no built dataset here: run `govgraph build` first" in result.stderr
        assert "Traceback" not in result.stderr


def test_ingest_a_missing_file(cli, tmp_path):
    result = cli("ingest", "declaration", str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"govgraph: {tmp_path / 'missing.txt'}: file not found"
