"""Concurrent, interrupted and malformed runs never corrupt, crash or mislead (issue 11).

Every test works on files it writes: a copy of data/ with its own descriptor, output folders in
tmp_path. The loader's cell-level cases live in test_loader_contract.py.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

import oir_analysis.__main__ as cli
from oir_analysis import atomic, data, features
from oir_analysis.atomic import PREFIX, is_temporary, remove_stale, write_text
from oir_analysis.data import field_names
from oir_analysis.export import FORMATS, export
from oir_analysis.paths import DATA_DIR

SOME = ["casualty_backlog", "coalition_growth"]
EXPORT = [sys.executable, "-m", "oir_analysis", "export"]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in a folder (not recursive) with its bytes."""
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


# 1. Concurrent exports into one folder


def test_concurrent_exports_both_succeed_with_files_identical_to_a_solo_run(tmp_path):
    solo = tmp_path / "solo"
    subprocess.run([*EXPORT, "--out", str(solo), "--only", *SOME], check=True, capture_output=True)
    expected = snapshot(solo)
    assert sorted(expected) == sorted([f"{n}.{f}" for n in SOME for f in FORMATS] + ["charts.json"])
    for round_ in range(3):
        shared = tmp_path / f"shared{round_}"
        shared.mkdir()
        torn: list[str] = []
        done = threading.Event()

        def watch(folder: Path = shared, torn: list[str] = torn, done: threading.Event = done):
            """Read every final name as it appears, as a reader of the folder would."""
            while not done.is_set():
                for path in folder.iterdir():
                    if is_temporary(path):
                        continue
                    try:
                        content = path.read_bytes()
                    except FileNotFoundError:
                        continue
                    if content != expected[path.name]:
                        torn.append(path.name)

        watcher = threading.Thread(target=watch)
        watcher.start()
        runs = [
            subprocess.Popen(
                [*EXPORT, "--out", str(shared), "--only", *SOME],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = [run.communicate() + (run.returncode,) for run in runs]
        done.set()
        watcher.join()
        for _stdout, stderr, code in results:
            assert code == 0 and stderr == "", stderr
        assert snapshot(shared) == expected, f"round {round_}"
        assert torn == [], f"round {round_}: a reader saw incomplete files {sorted(set(torn))}"


# 2. A killed export


def kill_export_mid_file(out: Path, names: list[str]) -> list[Path]:
    """Start an export, SIGKILL it while a temporary file exists; return the files left behind."""
    run = subprocess.Popen([*EXPORT, "--out", str(out), "--only", *names], stdout=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not any(is_temporary(path) for path in out.iterdir()):
        assert run.poll() is None and time.monotonic() < deadline, "no temporary file seen"
        time.sleep(0.002)
    run.send_signal(signal.SIGKILL)
    # Its drawing workers hold the pipe too: they must end with it, not wait for work forever.
    run.communicate(timeout=60)
    return [path for path in out.iterdir() if is_temporary(path)]


def test_a_killed_exports_leftovers_are_never_charts_and_the_next_run_removes_them(tmp_path):
    names = ["troops_iraq", "troops_syria", "strikes_cumulative", *SOME]
    for attempt in range(5):  # the kill may land just after a rename: then try again
        out = tmp_path / f"charts{attempt}"
        out.mkdir()
        if kill_export_mid_file(out, names):
            break
    leftovers = [path for path in out.iterdir() if is_temporary(path)]
    assert leftovers, "every kill came just after a rename"
    for path in leftovers:
        assert path.name.startswith(".") and path.suffix == ".tmp"
        assert not any(path.match(f"*.{fmt}") for fmt in FORMATS)
    assert not (out / "charts.json").exists()
    for path in out.glob("*.png"):  # what the killed run finished is whole
        content = path.read_bytes()
        assert content.startswith(b"\x89PNG") and content.endswith(b"IEND\xaeB`\x82"), path

    # The killed run's workers die with it, a moment after its output pipe closes: the next run
    # is one that starts once they are gone, as any later run does.
    deadline = time.monotonic() + 30
    while any(atomic._writer_alive(path) for path in leftovers):
        assert time.monotonic() < deadline, "a killed export's worker outlived it"
        time.sleep(0.05)
    written = export(out, ["svg"], ["coalition_growth"])
    assert not [path for path in out.iterdir() if is_temporary(path)]
    assert set(written) <= set(out.iterdir())


def test_a_writer_that_ended_unreaped_counts_as_gone(tmp_path):
    """A zombie (ended, not yet reaped: a killed export's worker) leaves a file to clean up."""
    ended = subprocess.Popen(["true"])
    deadline = time.monotonic() + 30
    while Path(f"/proc/{ended.pid}/stat").read_text().rpartition(")")[2].split()[0] != "Z":
        assert time.monotonic() < deadline
        time.sleep(0.01)
    leftover = tmp_path / f"{PREFIX}{ended.pid}-chart.png.x.tmp"
    leftover.write_bytes(b"half")
    mine = tmp_path / f"{PREFIX}{os.getpid()}-chart.svg.x.tmp"
    mine.write_bytes(b"being written")
    assert remove_stale(tmp_path) == [leftover]
    assert mine.exists()
    ended.wait()


def test_writers_racing_on_one_file_never_collide_nor_leave_it_torn(tmp_path):
    """What the report, run-notebooks and the text twins do: write_text to one target."""
    target = tmp_path / "00_index.md"
    texts = [f"{writer}\n" * 50_000 for writer in "ab"]
    errors: list[BaseException] = []
    seen: set[str] = set()

    def write(text: str) -> None:
        try:
            for _ in range(20):
                write_text(target, text)
                seen.add(target.read_text(encoding="utf-8"))
        except BaseException as error:  # collected: a thread's exception would go unseen
            errors.append(error)

    threads = [threading.Thread(target=write, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert seen <= set(texts) and target.read_text(encoding="utf-8") in texts
    assert list(tmp_path.iterdir()) == [target]


def test_cleaning_removes_only_files_of_writers_that_are_gone(tmp_path):
    gone = tmp_path / f"{PREFIX}{dead_pid()}-casualty_toll.pdf.abc.tmp"
    live = tmp_path / f"{PREFIX}{os.getpid()}-casualty_toll.png.def.tmp"
    chart = tmp_path / "casualty_toll.png"
    for path in (gone, live, chart):
        path.write_bytes(b"x")
    assert remove_stale(tmp_path) == [gone]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, chart.name])


# 7. A broken descriptor, an undescribed CSV; bad data through every command


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of data/ that the loaders and commands read instead of the real one."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    real = snapshot(DATA_DIR)
    monkeypatch.setattr(data, "DATA_DIR", copy)
    monkeypatch.setattr(data, "DATAPACKAGE", copy / "datapackage.json")
    monkeypatch.setattr(cli, "DATAPACKAGE", copy / "datapackage.json")
    data.datapackage.cache_clear()
    yield copy
    data.datapackage.cache_clear()
    assert snapshot(DATA_DIR) == real, "a command wrote under data/"


def edit_descriptor(copy: Path, change) -> Path:
    path = copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    change(descriptor)
    path.write_text(json.dumps(descriptor, indent=2), encoding="utf-8")
    return path


def field(descriptor: dict, resource: str, name: str) -> dict:
    (found,) = [
        f
        for r in descriptor["resources"]
        if r["name"] == resource
        for f in r["schema"]["fields"]
        if f["name"] == name
    ]
    return found


def fails_with(capsys, argv: list[str], *expected: str) -> str:
    """The command must exit 1 with each expected line on stderr, and no traceback."""
    assert cli.main(argv) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    for line in expected:
        assert line in captured.err.splitlines(), f"{line!r} not a line of:\n{captured.err}"
    fails_with.stdout = captured.out  # type: ignore[attr-defined]
    return captured.err


def test_invalid_json_names_the_descriptor_and_the_place(data_copy, capsys):
    path = data_copy / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8")[:-20], encoding="utf-8")
    stderr = fails_with(capsys, ["validate"])
    assert stderr.startswith(f"{path}, line ") and "not valid JSON" in stderr
    assert stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: field(d, "casualty_reports", "completed").update(type="integr"),
            "resource 'casualty_reports', field 'completed': unknown type 'integr' "
            "(known: string, integer, number, date, yearmonth)",
        ),
        (
            lambda d: field(d, "events", "source_url")["constraints"].update(
                pattern="https?://(\\S+"
            ),
            "resource 'events', field 'source_url': pattern 'https?://(\\\\S+' is not a regular "
            "expression (missing ), unterminated subpattern at position 9)",
        ),
        (
            lambda d: d["resources"].remove(
                next(r for r in d["resources"] if r["name"] == "casualty_reports")
            ),
            "resource 'casualty_report_sources', field 'report_month': refers to resource "
            "'casualty_reports', not described",
        ),
    ],
    ids=["misspelled type", "bad pattern", "foreign-key target removed"],
)
def test_a_broken_descriptor_names_descriptor_resource_and_field(
    data_copy, capsys, change, message
):
    path = edit_descriptor(data_copy, change)
    stderr = fails_with(capsys, ["validate"], f"{path}, {message}")
    assert stderr.count("\n") == 1
    with pytest.raises(data.DescriptorError, match="resource"):
        data.load_resource("troop_levels")


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["resources"][0].update(name=["casualty_reports"]),
        lambda d: d["resources"][0]["schema"].update(primaryKey=5),
        lambda d: d["resources"][1]["schema"]["foreignKeys"][0]["reference"].update(resource={}),
        lambda d: field(d, "events", "category")["constraints"].update(enum=[{"a": 1}]),
        lambda d: field(d, "events", "category").update(constraints=["required"]),
        lambda d: field(d, "events", "date")["constraints"].update(required={"yes": 1}),
        lambda d: d["resources"].append(7),
        lambda d: d.update(resources={}),
    ],
    ids=["name", "primary key", "foreign key", "enum", "constraints", "required", "item", "list"],
)
def test_a_descriptor_of_the_wrong_shape_is_named_never_a_traceback(data_copy, capsys, change):
    path = edit_descriptor(data_copy, change)
    stderr = fails_with(capsys, ["validate"])
    assert stderr and all(line.startswith(f"{path}") for line in stderr.splitlines()), stderr


def test_what_only_frictionless_rejects_in_a_field_is_named_too(data_copy, capsys):
    path = edit_descriptor(
        data_copy, lambda d: field(d, "events", "source_url")["constraints"].update(required="yes")
    )
    stderr = fails_with(
        capsys,
        ["validate"],
        f"{path}, resource 'events', field 'source_url': Field is not valid: 'yes' is not of type "
        "'boolean' at property 'constraints/required'",
    )
    assert stderr.count("\n") == 1


def test_a_missing_csv_is_named_with_its_resource_and_the_rest_still_checked(data_copy, capsys):
    (data_copy / "events.csv").unlink()
    stderr = fails_with(
        capsys,
        ["validate"],
        f"{data_copy / 'datapackage.json'}, resource 'events': its file "
        f"{data_copy / 'events.csv'} is missing",
    )
    assert stderr.count("\n") == 1
    checked = [line.split(":")[0] for line in fails_with.stdout.splitlines()]  # type: ignore[attr-defined]
    assert checked == [name for name in data.resource_names() if name != "events"]


def test_validate_names_a_csv_that_no_resource_describes(data_copy, capsys):
    edit_descriptor(
        data_copy,
        lambda d: d["resources"].remove(next(r for r in d["resources"] if r["name"] == "events")),
    )
    shutil.copyfile(data_copy / "troop_levels.csv", data_copy / "troop_levels_old.csv")
    assert cli.main(["validate"]) == 1
    captured = capsys.readouterr()
    described = f"no resource in {data_copy / 'datapackage.json'} describes this file"
    assert captured.err.splitlines() == [
        f"{data_copy / 'events.csv'}: {described}",
        f"{data_copy / 'troop_levels_old.csv'}: {described}",
    ]
    assert "troop_levels: " in captured.out and "events" not in captured.out


def test_bad_data_stops_validate_and_run_notebooks_with_located_problems(
    data_copy, capsys, monkeypatch
):
    path = data_copy / "troop_levels.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = "17-01," + lines[4].split(",", 1)[1]
    path.write_text("".join(lines), encoding="utf-8")
    expected = f"  {path}, line 5, column 'as_of': '17-01' is not a valid date"
    stderr = fails_with(capsys, ["validate"])
    assert expected in stderr
    monkeypatch.setattr(cli, "execute_notebooks", lambda *args: pytest.fail("ran notebooks"))
    stderr = fails_with(capsys, ["run-notebooks"])
    assert expected in stderr


# 8. --out errors: one clear line, exit 1, no partial file


@pytest.mark.parametrize("under", [False, True], ids=["a file", "under a file"])
def test_an_out_path_that_is_or_is_under_a_file_is_one_clear_line(tmp_path, under):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    out = blocker / "charts" if under else blocker
    done = subprocess.run(
        [*EXPORT, "--out", str(out), "--only", "coalition_growth", "--format", "svg"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    reason = "Not a directory" if under else "not a folder, cannot export into it"
    assert done.stderr == f"oir-analysis: {out}: {reason}\n"
    assert snapshot(tmp_path) == {"blocker": b"not a folder"}


def test_a_full_disk_is_one_clear_line_and_leaves_no_partial_file(tmp_path, capsys, monkeypatch):
    def fill_the_disk(self, target, **options):
        Path(target).write_bytes(b"\x89PNG half")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Figure, "savefig", fill_the_disk)
    argv = ["export", "--out", str(tmp_path), "--only", "casualty_backlog", "--format", "png"]
    stderr = fails_with(capsys, argv)
    assert stderr == f"oir-analysis: {tmp_path / 'casualty_backlog.png'}: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_folder_is_named_not_hidden_by_the_cleanups_error(
    tmp_path, capsys, monkeypatch
):
    stale = tmp_path / f"{PREFIX}{dead_pid()}-casualty_backlog.png.old.tmp"
    stale.write_bytes(b"left by a killed run")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(tmp_path / ".x.tmp"))

    monkeypatch.setattr(Path, "unlink", refuse)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    argv = ["export", "--out", str(tmp_path), "--only", "casualty_backlog", "--format", "png"]
    stderr = fails_with(capsys, argv)
    assert stderr == f"oir-analysis: {tmp_path / 'casualty_backlog.png'}: Permission denied\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_a_really_read_only_folder_is_one_clear_line(tmp_path, capsys):
    tmp_path.chmod(0o555)
    try:
        argv = ["export", "--out", str(tmp_path), "--only", "coalition_growth", "--format", "svg"]
        stderr = fails_with(capsys, argv)
        assert stderr == f"oir-analysis: {tmp_path / 'coalition_growth.svg'}: Permission denied\n"
    finally:
        tmp_path.chmod(0o755)


# 9. An outcome above the completed count


def reports(*rows: dict) -> pd.DataFrame:
    """A casualty_reports frame with the loader's count dtypes; other figures missing."""
    frame = pd.DataFrame(
        [{name: row.get(name) for name in field_names("casualty_reports")} for row in rows]
    )
    frame["report_month"] = pd.PeriodIndex(frame["report_month"], freq="M")
    for name in features.casualties.OUTCOMES + ["completed", "still_open"]:
        frame[name] = frame[name].astype("Int64")
    return frame


@pytest.mark.parametrize("outcome", features.casualties.OUTCOMES)
def test_one_stated_outcome_above_completed_is_flagged_alone(outcome):
    table = features.reconcile_casualty_reports(
        reports(
            {"report_month": "2019-05", "completed": 37, outcome: 99_999},
            {"report_month": "2019-06", "completed": 37, outcome: 37},
        )
    )
    assert table.astype(str).values.tolist() == [
        ["2019-05", f"{outcome} within completed", "37", "99999", "99962"]
    ]
