"""Type stubs of the compiled module ``kashif._kashif`` (see ``src/lib.rs``)."""

import datetime
import os
import pathlib
from typing import Any, Optional, Sequence, Union, final

from . import Mention

__all__ = ["Extractor", "evaluate_jsonl", "profiles", "KashifError", "__version__"]
__version__: str

_DateLike = Union[str, datetime.date, None]

class KashifError(Exception):
    """A rules directory, gold file or prediction kashif cannot use; the message names the file and line."""

@final
class Extractor:
    """The extraction pipeline with its compiled rules; load once and reuse."""

    def __new__(
        cls,
        rules_dir: Union[str, os.PathLike[str], None] = None,
        profile: Optional[str] = None,
    ) -> Extractor: ...
    def extract(
        self, text: str, doc_id: Optional[str] = None, dateline: _DateLike = None
    ) -> list[Mention]: ...
    def extract_batch(
        self,
        texts: Sequence[str],
        threads: Optional[int] = None,
        doc_ids: Optional[Sequence[str]] = None,
        datelines: Optional[Sequence[_DateLike]] = None,
    ) -> list[list[Mention]]: ...
    @property
    def rules_dir(self) -> Optional[pathlib.Path]: ...
    @property
    def profile(self) -> Optional[str]: ...

def evaluate_jsonl(
    gold_path: Union[str, os.PathLike[str]],
    pred_jsonl: str,
    pred_name: str,
    corpus: Union[str, os.PathLike[str], None] = None,
    rules_dir: Union[str, os.PathLike[str], None] = None,
    errors: bool = False,
) -> dict[str, Any]: ...
def profiles() -> list[str]: ...
