"""Rules of the house that a reader cannot see at a glance: offline only, one-way dependencies."""
import ast
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "convcourse"
SOURCES = sorted(PACKAGE.rglob("*.py"))
NOTEBOOK_CODE = {p.name: "\n".join(c.source for c in nbformat.read(p, as_version=4).cells if c.cell_type == "code")
                 for p in sorted((ROOT / "notebooks").glob("*.ipynb"))}
NETWORK = re.compile(r"(pretrained\s*=\s*True|download\s*=\s*True|torch\.hub|load_state_dict_from_url|urllib\.request|"
                     r"requests\.get|\bweights\s*=\s*(?!None\b)['\"A-Z])")


@pytest.mark.parametrize("code, downloads", [
    ("torchvision.models.resnet50(weights='IMAGENET1K_V2')", True),
    ("resnet50(weights=ResNet50_Weights.DEFAULT)", True),
    ("torch.hub.load('pytorch/vision', 'resnet50')", True),
    ("datasets.CIFAR10('.', download=True)", True),
    ("resnet50(weights=None)", False),
    ("inception_v3(weights=None, aux_logits=True, init_weights=False)", False),
    ("weights = conv2d_params(64, 64, 3)", False),
])
def test_download_rule_catches_downloads_only(code, downloads):
    assert (NETWORK.search(code) is not None) == downloads


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
            names |= {f"{base}.{a.name}" if base.endswith(".") is False else base + a.name for a in node.names}
    return names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_package_never_downloads(path):
    assert NETWORK.search(path.read_text(encoding="utf-8")) is None


@pytest.mark.parametrize("name", sorted(NOTEBOOK_CODE))
def test_notebooks_never_download(name):
    assert NETWORK.search(NOTEBOOK_CODE[name]) is None


@pytest.mark.parametrize("path", [p for p in SOURCES if p.parent.name in ("convcourse", "viz")
                                  and p.stem in ("measure", "data", "widgets", "train", "check", "_checks")
                                  or p.parent.name == "viz"], ids=lambda p: str(p.relative_to(ROOT)))
def test_helpers_never_import_networks(path):
    """measure / viz / data / widgets / train depend on torch, never on convcourse.nets."""
    assert not any("nets" in m.split(".") for m in imported_modules(path)), imported_modules(path)


@pytest.mark.parametrize("path", [p for p in SOURCES if p.parent.name in ("blocks", "attention")],
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_blocks_and_attention_never_import_networks(path):
    assert not any("nets" in m.split(".") for m in imported_modules(path)), imported_modules(path)
