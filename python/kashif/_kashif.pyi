"""Type stubs of the compiled module ``kashif._kashif`` (see ``src/lib.rs``)."""

import datetime
import os
from typing import Any, Optional, Sequence, TypedDict, Union

from typing_extensions import NotRequired

__version__: str

DateLike = Union[str, datetime.date, None]

class Mention(TypedDict):
    """One mention: the dict of a line of ``kashif extract``'s JSONL."""

    doc: str
    start: int
    end: int
    type: str
    text: str
    value: Any
    rule: str
    modifier: NotRequired[str]

class KashifError(Exception):
    """A rules directory, gold file or prediction kashif cannot use; the message names the file and line."""

class Extractor:
    """The extraction pipeline with its compiled rules; load once and reuse."""

    def __init__(
        self,
        rules_dir: Union[str, os.PathLike[str], None] = None,
        profile: Optional[str] = None,
    ) -> None: ...
    def extract(
        self, text: str, doc_id: Optional[str] = None, dateline: DateLike = None
    ) -> list[Mention]: ...
    def extract_batch(
        self,
        texts: Sequence[str],
        threads: Optional[int] = None,
        doc_ids: Optional[Sequence[str]] = None,
        datelines: Optional[Sequence[DateLike]] = None,
    ) -> list[list[Mention]]: ...
    @property
    def rules_dir(self) -> Optional[str]: ...
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
