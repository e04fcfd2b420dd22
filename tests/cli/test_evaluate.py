from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from unspun.cli.main import cli


@pytest.mark.parametrize("command", ["pan13", "retrieval", "msrp", "seeds", "extraction"])
def test_eval_on_a_missing_data_folder_is_one_clear_line(command: str, tmp_path: Path) -> None:
    missing = tmp_path / "nothing-here"
    result = CliRunner().invoke(cli, ["eval", command, "--data", str(missing)])
    assert result.exit_code == 1
    assert str(missing) in result.output and "not found" in result.output
    assert "Traceback" not in result.output
