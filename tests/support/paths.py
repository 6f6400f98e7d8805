"""Where the tests' files are: the repository, its fixtures and its sample reports."""

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
SAMPLE_REPORTS = REPO / "examples" / "reports"
