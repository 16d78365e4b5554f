from slugkit.cli import main


def test_prints_one_slug_per_argument(capsys):
    assert main(["A B", "C"]) == 0
    assert capsys.readouterr().out.splitlines() == ["a-b", "c"]
