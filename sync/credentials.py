"""The device's enrolment: which server, which plaza and role, and its token (file mode 0600)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the wire models load with the client, not with a kiosk's start
    from sync.protocol import EnrolResponse

FILE_NAME = "device.json"


@dataclass(frozen=True)
class Enrolment:
    server: str
    device_id: str
    plaza: str
    role: str
    token: str
    tag: str = ""  # the device tag for numbers it makes alone; "" in files from before tags

    @classmethod
    def from_answer(cls, server: str, answer: EnrolResponse) -> Enrolment:
        return cls(server=server, device_id=str(answer.device_id), plaza=answer.plaza,
                   role=answer.role, token=answer.token, tag=answer.tag)


def save(folder: Path, enrolment: Enrolment) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    temporary = path.with_suffix(".tmp")
    # Created 0600 from the start: the token is never readable by others, even briefly.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(asdict(enrolment), file, indent=2)
        file.flush()
        os.fsync(file.fileno())
    os.replace(temporary, path)
    return path


def load(folder: Path) -> Enrolment | None:
    path = folder / FILE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Enrolment(**{key: str(data[key]) for key in Enrolment.__dataclass_fields__
                            if key in data or key != "tag"})
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ValueError(f"{path} is unreadable ({error}); enrol the device again") from None
