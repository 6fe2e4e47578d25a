"""The words printed on a slip, in both languages (the screens' words go through Qt's tr(); a
slip is made here, without Qt, so its few words are kept as plaza texts)."""

from __future__ import annotations

from kiosk.vocabulary import Priority, Text
from kiosk.waiting import WaitEstimate

HEADING = Text("NOMOR ANTRIAN", "QUEUE NUMBER")
PRIORITY = Text("PRIORITAS", "PRIORITY")
PRIORITY_GROUPS = {
    Priority.ELDERLY: Text("Lansia (60+)", "Elderly (60+)"),
    Priority.DISABILITY: Text("Disabilitas", "Disability"),
    Priority.PREGNANT: Text("Ibu hamil", "Pregnant"),
}
FOLLOW = Text("Pantau antrian di ponsel:", "Follow your queue on your phone:")
COMPLAIN = Text("Pengaduan: SP4N-LAPOR! lapor.go.id atau SMS 1708",
                "Complaints: SP4N-LAPOR! lapor.go.id or SMS 1708")
KEEP = Text("Simpan tiket ini sampai nomor Anda dipanggil.",
            "Keep this ticket until your number is called.")
REPRINT = Text("CETAK ULANG", "REPRINT")
TEST_PAGE = Text("HALAMAN UJI PRINTER", "PRINTER TEST PAGE")


def counters(names: tuple[str, ...], lang: str) -> str:
    if not names:
        return ""
    joined = names[0] if len(names) == 1 else (
        ", ".join(names[:-1]) + (" atau " if lang == "id" else " or ") + names[-1])
    return ("Loket " if lang == "id" else "Counter ") + joined


def people_ahead(count: int, lang: str) -> str:
    if lang == "id":
        return "Tidak ada antrian di depan Anda" if count == 0 else f"{count} orang di depan Anda"
    if count == 0:
        return "Nobody is ahead of you"
    return "1 person is ahead of you" if count == 1 else f"{count} people are ahead of you"


def wait(estimate: WaitEstimate | None, lang: str) -> str:
    if estimate is None:
        return "Perkiraan waktu tunggu belum diketahui" if lang == "id" else "Waiting time unknown"
    if estimate.is_now:
        return "Anda berikutnya" if lang == "id" else "You are next"
    if estimate.low_minutes == 0:
        return (f"Paling lama sekitar {estimate.high_minutes} menit" if lang == "id"
                else f"About {estimate.high_minutes} minutes at most")
    span = f"{estimate.low_minutes}-{estimate.high_minutes}"
    return f"Perkiraan {span} menit" if lang == "id" else f"About {span} minutes"
