"""Publishing: the package as PyPI will get it, and the workflows that build and publish it.

The ``wheel`` tests build the sdist and the wheel exactly as the release workflow does
(``python -m build``: the sdist first, then the wheel *from the sdist*, so a file the
sdist forgets is missing from the wheel too), from a clean copy of the checkout. Then the
wheel is installed into a fresh virtual environment and a new handbook is made and built
with that environment's own ``journeybook`` and ``mkdocs`` executables.

The fresh environment sees nothing of the development one: no ``--system-site-packages``
(the editable install lives in the developer's venv, or in the system's), no
``PYTHONPATH``, no user site-packages, and the current folder is a temporary one, never
the checkout. It is made without pip (``venv --without-pip``, which saves seconds) and
filled by the running pip through ``pip --python``; the dependencies come from PyPI, or
from pip's cache after the first run. The whole module takes about half a minute with a
warm cache. Deselect it with ``-m "not wheel"`` when offline.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from journeybook import __version__

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "plugins" / "journeybook"
WORKFLOWS = ROOT / ".github" / "workflows"
JOURNEY = {"en": "repair-before-monday", "nl": "reparatie-voor-maandag"}

# Not part of a fresh checkout: left out of the copy the distributions are built from.
SCRATCH_AT_ROOT = {".git", ".cache", ".pytest_cache", ".venv", "venv", "site", "build", "dist", "node_modules"}
SCRATCH_ANYWHERE = ("__pycache__", ".egg-info", ".pyc")


# --------------------------------------------------------------------------- the workflows


def load_workflow(name: str) -> dict:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    workflow["on"] = workflow.pop(True, workflow.get("on"))  # PyYAML reads the key `on` as true
    return workflow


def actions(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def step(job: dict, action: str) -> dict:
    return next(s for s in job["steps"] if s.get("uses", "").split("@")[0] == action)


def commands(job: dict) -> list[str]:
    """Every shell line the job runs, in order."""
    return [line.strip() for s in job["steps"] if "run" in s for line in s["run"].splitlines() if line.strip()]


def test_release_workflow_publishes_version_tags_with_trusted_publishing() -> None:
    workflow = load_workflow("release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}  # tags only: never a branch push
    assert workflow["permissions"] == {"contents": "read"}  # id-token only where it is used

    build = workflow["jobs"]["build"]
    run = commands(build)
    assert actions(build)[:2] == ["actions/checkout", "actions/setup-python"]
    assert "python -m build" in run  # sdist and wheel (the wheel made from the sdist)
    assert any(re.fullmatch(r"(python -m )?twine check --strict dist/\*", line) for line in run), run
    assert any("GITHUB_REF_NAME" in line for line in run)  # the tag must match the built version
    assert any(re.search(r"pip install dist/\*\.whl", line) for line in run)  # tried before it is published
    assert any(line.endswith("mkdocs build --strict") for line in run)
    assert run.index("python -m build") < min(i for i, line in enumerate(run) if "twine check" in line)
    upload = step(build, "actions/upload-artifact")
    assert upload["with"]["name"] == "dist" and upload["with"]["path"].rstrip("/") == "dist"

    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "build"
    assert publish["environment"]["name"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    assert actions(publish) == ["actions/download-artifact", "pypa/gh-action-pypi-publish"]
    assert step(publish, "actions/download-artifact")["with"]["name"] == "dist"
    pypi = step(publish, "pypa/gh-action-pypi-publish")
    assert not {"password", "user"} & set(pypi.get("with") or {})  # no token: trusted publishing
    assert not commands(publish)  # the publish job runs nothing of the repository's


def test_pages_workflow_builds_this_checkout_strict_and_deploys() -> None:
    workflow = load_workflow("pages.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]} and "workflow_dispatch" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["cancel-in-progress"] is False  # never cut off a deployment

    build = workflow["jobs"]["build"]
    run = commands(build)
    assert actions(build) == ["actions/checkout", "actions/setup-python", "actions/upload-pages-artifact"]
    assert "pip install ." in run and "mkdocs build --strict" in run
    assert run.index("pip install .") < run.index("mkdocs build --strict")
    assert not [line for line in run if re.search(r"pip install .*(-e\b|--editable)", line)]  # the package, as released
    assert step(build, "actions/upload-pages-artifact")["with"]["path"] == "site"
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert config.get("site_dir", "site") == "site"

    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert actions(deploy) == ["actions/deploy-pages"]
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert deploy["steps"][0]["id"] == "deployment"


# --------------------------------------------------------------------------- the distributions


@dataclass
class Dists:
    wheel: Path
    sdist: Path
    log: str


def package_files() -> set[str]:
    """Every file below plugins/journeybook/ the package must carry, relative to it."""
    found = set()
    for path in PACKAGE.rglob("*"):
        rel = path.relative_to(PACKAGE)
        if path.is_file() and not any(p.startswith(".") or p == "__pycache__" for p in rel.parts) and path.suffix != ".pyc":
            found.add(rel.as_posix())
    return found


def _scratch(folder: str, names: list[str]) -> set[str]:
    at_root = Path(folder).resolve() == ROOT
    return {n for n in names if (at_root and n in SCRATCH_AT_ROOT) or n.endswith(SCRATCH_ANYWHERE)}


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would let a child see the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV")}
    env.update(PYTHONNOUSERSITE="1", NO_MKDOCS_2_WARNING="1", **extra)
    return env


def run(args: list, cwd: Path, timeout: int = 600, **env: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=clean_env(**env), capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    pytest.importorskip("build", reason="the test extra installs build")
    work = tmp_path_factory.mktemp("dists")
    source = work / "journeybook"
    shutil.copytree(ROOT, source, ignore=_scratch, symlinks=True)
    result = run([sys.executable, "-m", "build", "--outdir", work / "dist", source], cwd=work)
    [wheel] = (work / "dist").glob("*.whl")
    [sdist] = (work / "dist").glob("*.tar.gz")
    return Dists(wheel, sdist, result.stdout + result.stderr)


def wheel_members(dists: Dists) -> list[str]:
    with zipfile.ZipFile(dists.wheel) as archive:
        return archive.namelist()


@pytest.mark.wheel
def test_the_build_is_clean(dists: Dists) -> None:
    """No deprecation warnings from the backend (the licence as an SPDX expression, setuptools >= 77)."""
    assert not re.search(r"(?i)deprecat|BuildBackendWarning", dists.log), dists.log
    assert dists.wheel.name == f"journeybook-{__version__}-py3-none-any.whl"
    assert dists.sdist.name == f"journeybook-{__version__}.tar.gz"


@pytest.mark.wheel
def test_the_wheel_carries_every_package_file(dists: Dists) -> None:
    members = wheel_members(dists)
    inside = {m[len("journeybook/") :] for m in members if m.startswith("journeybook/")}
    expected = package_files()
    assert inside == expected, (
        f"missing from the wheel (add them to [tool.setuptools.package-data]): {sorted(expected - inside)}; "
        f"unexpected: {sorted(inside - expected)}"
    )
    # Every kind of asset, spelled out, so that the test fails loudly if the tree itself loses one.
    for pattern in (
        r"templates/.+\.md\.j2",
        r"builtin/frameworks\.yml",
        r"builtin/sources\.yml",
        r"assets/journeybook\.css",
        r"assets/print\.css",
        r"assets/DejaVuSans\.ttf",
        r"assets/DejaVuSans-LICENSE\.txt",
        r"csl/apa\.csl",
        r"skeleton/common/dot-github/workflows/pages\.yml",
        r"skeleton/common/dot-gitignore",
        r"skeleton/common/dot-vscode/settings\.json",
        r"skeleton/(en|nl)/mkdocs\.yml",
        r"skeleton/(en|nl)/docs/index\.md",
        r"skeleton/(en|nl)/journeys/journeys/.+\.yml",
    ):
        assert any(re.fullmatch(pattern, name) for name in inside), pattern
    tops = {m.split("/")[0] for m in members}
    assert tops == {"journeybook", f"journeybook-{__version__}.dist-info"}  # no tests/, docs/, plugins/
    assert not [m for m in members if any(p.startswith(".") for p in m.split("/"))]


@pytest.mark.wheel
def test_the_sdist_carries_the_package_and_the_project_files(dists: Dists) -> None:
    prefix = f"journeybook-{__version__}/"
    with tarfile.open(dists.sdist) as archive:
        names = {m.name[len(prefix) :] for m in archive.getmembers() if m.isfile()}
    assert {"pyproject.toml", "README.md", "PKG-INFO"} <= names
    package = {n[len("plugins/journeybook/") :] for n in names if n.startswith("plugins/journeybook/")}
    assert package == package_files()


@pytest.mark.wheel
def test_the_metadata(dists: Dists) -> None:
    with zipfile.ZipFile(dists.wheel) as archive:
        info = f"journeybook-{__version__}.dist-info/"
        metadata = Parser().parsestr(archive.read(info + "METADATA").decode("utf-8"))
        entry_points = archive.read(info + "entry_points.txt").decode("utf-8")
    assert metadata["Name"] == "journeybook" and metadata["Version"] == __version__
    assert metadata["License-Expression"] == "MIT" and metadata["License"] is None
    assert not [c for c in metadata.get_all("Classifier") or [] if c.startswith("License ::")]
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "journeybook" in metadata.get_payload()  # the README is the long description
    requires = [Requirement(r) for r in metadata.get_all("Requires-Dist")]
    runtime = {canonicalize_name(r.name) for r in requires if r.marker is None}
    assert {"mkdocs", "mkdocs-material", "pygraphviz", "nh3", "citeproc-py", "pydantic", "click"} <= runtime
    assert "pytest" not in runtime and "build" not in runtime  # test tools stay in the extra
    if sys.version_info >= (3, 11):
        import tomllib

        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        assert runtime == {canonicalize_name(Requirement(d).name) for d in project["dependencies"]}
        assert metadata["Requires-Python"] == project["requires-python"]
    assert "journeybook = journeybook.cli:main" in entry_points
    assert "journeybook = journeybook.plugin:JourneybookPlugin" in entry_points


@pytest.mark.wheel
def test_twine_accepts_both(dists: Dists) -> None:
    pytest.importorskip("twine", reason="the test extra installs twine")
    result = run([sys.executable, "-m", "twine", "check", "--strict", dists.sdist, dists.wheel], cwd=dists.wheel.parent)
    assert result.stdout.count("PASSED") == 2, result.stdout


# --------------------------------------------------------------------------- the wheel, installed


@dataclass
class Installed:
    bin: Path
    python: Path
    log: str


def _pip_has_python_option() -> bool:
    """pip 22.3 and newer install into another interpreter's environment (``pip --python``)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        major, minor = (int(part) for part in version("pip").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return False
    return (major, minor) >= (22, 3)


@pytest.fixture(scope="module")
def installed(dists: Dists, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("fresh")
    env_dir = work / "venv"
    with_pip = not _pip_has_python_option()
    venv.EnvBuilder(with_pip=with_pip, system_site_packages=False, symlinks=os.name != "nt").create(env_dir)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    pip = [python, "-m", "pip"] if with_pip else [sys.executable, "-m", "pip", "--python", python]
    result = run([*pip, "install", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", dists.wheel], cwd=work)
    return Installed(bin_dir, python, result.stdout + result.stderr)


@pytest.mark.wheel
def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Installed, tmp_path: Path) -> None:
    probe = (
        "import json, sys, journeybook; from importlib.metadata import distribution as d; "
        "print(json.dumps([journeybook.__file__, journeybook.__version__, sys.prefix, d('journeybook').read_text('direct_url.json')]))"
    )
    file, version, prefix, direct_url = json.loads(run([installed.python, "-c", probe], cwd=tmp_path).stdout)
    assert version == __version__
    assert Path(file).resolve().is_relative_to(Path(prefix).resolve())
    assert not Path(file).resolve().is_relative_to(ROOT)
    assert not json.loads(direct_url).get("dir_info", {}).get("editable")
    for script in ("journeybook", "mkdocs"):
        assert (installed.bin / script).is_file() or (installed.bin / f"{script}.exe").is_file()


@pytest.mark.wheel
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_new_handbook_builds_strict_with_the_installed_wheel(installed: Installed, tmp_path: Path, lang: str) -> None:
    """`journeybook init` + `mkdocs build --strict`, with nothing but the wheel and its dependencies."""
    run([installed.bin / "journeybook", "init", "handbook", "--language", lang], cwd=tmp_path)
    handbook = tmp_path / "handbook"
    requirement = (handbook / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1]
    assert requirement == f"journeybook=={__version__}"
    assert (handbook / ".github" / "workflows" / "pages.yml").is_file() and (handbook / ".gitignore").is_file()
    run([installed.bin / "mkdocs", "build", "--strict"], cwd=handbook)

    site = handbook / "site"
    playbook = site / "playbook"
    journey = playbook / "journeys" / JOURNEY[lang]
    for page in (
        playbook / "index.html",
        journey / "index.html",
        playbook / "personas" / "sam" / "index.html",
        *(playbook / name / "index.html" for name in ("touchpoints", "opportunities", "pain-points", "moments-of-truth", "checklists", "health", "sources")),
    ):
        assert page.is_file(), page.relative_to(site)
    assert len(list(journey.glob("*/index.html"))) == 5  # a page per phase of five-phases
    html = (journey / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert "<svg" in html  # the diagrams, drawn by the wheel's Graphviz with the bundled font
    assert "assets/journeybook/journeybook.css" in html

    # Every asset the installed package has is in the site, byte for byte.
    probe = "import journeybook, pathlib; print(pathlib.Path(journeybook.__file__).parent / 'assets')"
    assets = Path(run([installed.python, "-c", probe], cwd=tmp_path).stdout.strip())
    names = sorted(p.name for p in assets.iterdir() if p.is_file() and not p.name.startswith("."))
    assert names == sorted(p.name for p in (PACKAGE / "assets").iterdir() if p.is_file() and not p.name.startswith("."))
    for name in names:
        copied = site / "assets" / "journeybook" / name
        assert copied.is_file() and copied.read_bytes() == (assets / name).read_bytes(), name
