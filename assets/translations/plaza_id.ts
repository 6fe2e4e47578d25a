<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="id_ID">
<context>
    <name>Attract</name>
    <message>
        <location filename="../../ui/screens/attract.py" line="135" />
        <source>Touch the screen to start</source>
        <translation>Sentuh layar untuk mulai</translation>
    </message>
    <message>
        <location filename="../../ui/screens/attract.py" line="143" />
        <source>Announcements</source>
        <translation>Pengumuman</translation>
    </message>
</context>
<context>
    <name>Badge</name>
    <message>
        <location filename="../../ui/widgets/service_row.py" line="14" />
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/service_row.py" line="15" />
        <source>Closed</source>
        <translation>Tutup</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/service_row.py" line="16" />
        <source>Quota full</source>
        <translation>Kuota habis</translation>
    </message>
</context>
<context>
    <name>CounterConsole</name>
    <message>
        <location filename="../../ui/counter/card.py" line="176" />
        <source>Being served</source>
        <translation>Sedang dilayani</translation>
    </message>
    <message>
        <location filename="../../ui/counter/card.py" line="177" />
        <source>Called</source>
        <translation>Dipanggil</translation>
    </message>
    <message>
        <location filename="../../ui/counter/card.py" line="179" />
        <source>Recalled %1×</source>
        <translation>Dipanggil ulang %1×</translation>
    </message>
    <message>
        <location filename="../../ui/counter/card.py" line="190" />
        <source>No one is waiting.</source>
        <translation>Tidak ada yang menunggu.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/card.py" line="194" />
        <source>Next in line</source>
        <translation>Berikutnya</translation>
    </message>
    <message>
        <location filename="../../ui/counter/card.py" line="200" />
        <source>Waited %1</source>
        <translation>Menunggu %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/common.py" line="58" />
        <source>Elderly</source>
        <translation>Lansia</translation>
    </message>
    <message>
        <location filename="../../ui/counter/common.py" line="59" />
        <source>Disability</source>
        <translation>Disabilitas</translation>
    </message>
    <message>
        <location filename="../../ui/counter/common.py" line="60" />
        <source>Pregnant</source>
        <translation>Ibu hamil</translation>
    </message>
    <message>
        <location filename="../../ui/counter/common.py" line="63" />
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <location filename="../../ui/counter/common.py" line="64" />
        <source>Priority: %1</source>
        <translation>Prioritas: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/common.py" line="68" />
        <source>%1 min</source>
        <translation>%1 menit</translation>
    </message>
    <message>
        <location filename="../../ui/counter/common.py" line="148" />
        <location filename="../../ui/counter/console.py" line="455" />
        <location filename="../../ui/counter/console.py" line="476" />
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="59" />
        <source>Space</source>
        <translation>Spasi</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="262" />
        <source>Counter %1</source>
        <translation>Loket %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="268" />
        <source>Online</source>
        <translation>Daring</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="269" />
        <source>Offline</source>
        <translation>Luring</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="270" />
        <source>Contacting the server…</source>
        <translation>Menghubungi server…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="274" />
        <source>Pause</source>
        <translation>Jeda</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="276" />
        <source>Resume</source>
        <translation>Lanjutkan</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="278" />
        <source>Open counter</source>
        <translation>Buka loket</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="281" />
        <source>Close counter</source>
        <translation>Tutup loket</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="291" />
        <source>Counter paused: no new numbers are called here. Press Resume to call again.</source>
        <translation>Loket dijeda: tidak ada nomor baru yang dipanggil ke loket ini. Tekan Lanjutkan untuk memanggil lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="295" />
        <source>Counter closed. Press Open counter to call numbers again.</source>
        <translation>Loket ditutup. Tekan Buka loket untuk memanggil nomor lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="300" />
        <source>Offline — not connected to the server yet. Calling numbers needs the connection.</source>
        <translation>Luring — belum tersambung ke server. Memanggil nomor memerlukan koneksi.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="304" />
        <source>Offline — data from %1. Calling numbers needs the connection.</source>
        <translation>Luring — data terakhir pukul %1. Memanggil nomor memerlukan koneksi.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="318" />
        <source>Call next</source>
        <translation>Panggil berikutnya</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="319" />
        <source>Start serving</source>
        <translation>Mulai layani</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="320" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="321" />
        <source>Recall</source>
        <translation>Panggil ulang</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="322" />
        <location filename="../../ui/counter/console.py" line="345" />
        <source>Transfer</source>
        <translation>Pindahkan</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="323" />
        <source>No-show</source>
        <translation>Tidak hadir</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="329" />
        <source>No-show (after %1 recalls)</source>
        <translation>Tidak hadir (setelah %1 panggil ulang)</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="342" />
        <source>Selected: %1</source>
        <translation>Dipilih: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="344" />
        <source>Call this number</source>
        <translation>Panggil nomor ini</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="352" />
        <source>Finish %1 first.</source>
        <translation>Selesaikan %1 terlebih dahulu.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="360" />
        <source>Waiting: %1</source>
        <translation>Menunggu: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="364" />
        <source>last known, %1</source>
        <translation>terakhir diketahui, pukul %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="366" />
        <source>last known</source>
        <translation>terakhir diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="376" />
        <source>Served today: %1</source>
        <translation>Dilayani hari ini: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="377" />
        <source>Mean service time: %1</source>
        <translation>Rata-rata layanan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="452" />
        <source>No other service to transfer to.</source>
        <translation>Tidak ada layanan lain sebagai tujuan pemindahan.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="454" />
        <source>Transfer %1 to:</source>
        <translation>Pindahkan %1 ke:</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="472" />
        <source>Close this counter?</source>
        <translation>Tutup loket ini?</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="473" />
        <source>Visitors who are waiting stay in the queue for the other counters.</source>
        <translation>Pengunjung yang sedang menunggu tetap berada dalam antrian untuk loket lain.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/console.py" line="475" />
        <source>Yes, close the counter</source>
        <translation>Ya, tutup loket</translation>
    </message>
    <message>
        <location filename="../../ui/counter/card.py" line="182" />
        <location filename="../../ui/counter/waiting.py" line="81" />
        <source>Transferred</source>
        <translation>Dipindahkan</translation>
    </message>
</context>
<context>
    <name>CounterDesk</name>
    <message>
        <location filename="../../ui/counter/desk.py" line="42" />
        <source>No one is waiting for this counter.</source>
        <translation>Tidak ada yang menunggu untuk loket ini.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="43" />
        <source>Finish the current ticket first (done, no-show or transfer).</source>
        <translation>Selesaikan dulu nomor yang sedang dilayani (selesai, tidak hadir, atau pindahkan).</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="44" />
        <source>Another counter has already called this number. Nothing was changed.</source>
        <translation>Nomor ini sudah dipanggil loket lain. Tidak ada yang diubah.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="47" />
        <source>This ticket is at another counter now. Nothing was changed.</source>
        <translation>Nomor ini sekarang ada di loket lain. Tidak ada yang diubah.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="48" />
        <source>This ticket has changed meanwhile (transferred, finished or cancelled). Nothing was changed.</source>
        <translation>Nomor ini sudah berubah (dipindahkan, selesai, atau dibatalkan). Tidak ada yang diubah.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="52" />
        <source>Recall the visitor %1 times before marking a no-show.</source>
        <translation>Panggil ulang pengunjung %1 kali sebelum menandai tidak hadir.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="55" />
        <source>This counter does not serve that ticket's service.</source>
        <translation>Loket ini tidak melayani layanan nomor tersebut.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="56" />
        <source>The ticket already waits for that service.</source>
        <translation>Nomor ini sudah menunggu di layanan tersebut.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="57" />
        <source>That service is not available at this plaza.</source>
        <translation>Layanan tersebut tidak tersedia di plaza ini.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="58" />
        <source>That service is closed today. The ticket stays where it was.</source>
        <translation>Layanan itu tutup hari ini. Tiket tetap di tempatnya semula.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="61" />
        <source>The counter is paused. Resume it to call.</source>
        <translation>Loket sedang dijeda. Lanjutkan untuk memanggil.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="65" />
        <location filename="../../ui/counter/desk.py" line="239" />
        <source>The city server refused this: %1</source>
        <translation>Server kota menolak: %1</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="71" />
        <source>Wrong PIN. %1 tries left.</source>
        <translation>PIN salah. Sisa %1 kali coba.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="74" />
        <source>Too many wrong PINs. Please try again in %1 min.</source>
        <translation>Terlalu banyak PIN salah. Silakan coba lagi dalam %1 menit.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="78" />
        <source>This counter is not in the plaza's catalog.</source>
        <translation>Loket ini tidak ada dalam katalog plaza.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="79" />
        <source>This staff member cannot sign in here. Please ask the administrator.</source>
        <translation>Petugas ini tidak dapat masuk di sini. Silakan hubungi administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="126" />
        <source>This console is not enrolled with the city server. IT: plaza-kiosk enroll --role counter</source>
        <translation>Konsol ini belum terdaftar di server kota. TI: plaza-kiosk enroll --role counter</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="152" />
        <source>No staff are registered for this plaza yet. IT: plaza-kiosk server add-staff</source>
        <translation>Belum ada petugas terdaftar untuk plaza ini. TI: plaza-kiosk server add-staff</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="161" />
        <source>Cannot reach the city server; trying again…</source>
        <translation>Server kota tidak dapat dihubungi; mencoba lagi…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="215" />
        <source>%1 is called to counter %2.</source>
        <translation>%1 dipanggil ke loket %2.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="216" />
        <source>Serving %1.</source>
        <translation>Melayani %1.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="217" />
        <source>%1 is done.</source>
        <translation>%1 selesai.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="218" />
        <source>%1 marked as not present.</source>
        <translation>%1 ditandai tidak hadir.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="219" />
        <source>%1 moved to another service's queue, keeping its place.</source>
        <translation>%1 dipindahkan ke antrian layanan lain, dengan urutan tetap.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="226" />
        <source>Your session has ended. Please sign in again.</source>
        <translation>Sesi Anda berakhir. Silakan masuk lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="233" />
        <source>No connection to the city server: nothing was changed. Calling needs the connection; it comes back by itself.</source>
        <translation>Tidak tersambung ke server kota: tidak ada yang diubah. Memanggil memerlukan koneksi; koneksi akan pulih sendiri.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="102" />
        <location filename="../../ui/counter/desk.py" line="241" />
        <source>Something went wrong; nothing was changed. Please try again.</source>
        <translation>Terjadi kesalahan; tidak ada yang diubah. Silakan coba lagi.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/desk.py" line="253" />
        <source>Counter %1 is closed.</source>
        <translation>Loket %1 ditutup.</translation>
    </message>
</context>
<context>
    <name>DisplayBoard</name>
    <message>
        <location filename="../../ui/display/board.py" line="580" />
        <source>+%1 more</source>
        <translation>+%1 lainnya</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="897" />
        <source>QUEUE NUMBER</source>
        <translation>NOMOR ANTRIAN</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="898" />
        <source>go to</source>
        <translation>menuju</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="899" />
        <source>COUNTER %1</source>
        <translation>LOKET %1</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="901" />
        <source>Welcome</source>
        <translation>Selamat datang</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="902" />
        <source>Please take a queue number at the kiosk</source>
        <translation>Silakan ambil nomor antrian di kios</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="905" />
        <source>Recent calls</source>
        <translation>Panggilan terakhir</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="906" />
        <source>No calls yet</source>
        <translation>Belum ada panggilan</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="907" />
        <source>Counter %1</source>
        <translation>Loket %1</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="911" />
        <source>Waiting:</source>
        <translation>Menunggu:</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="912" />
        <source>nobody</source>
        <translation>tidak ada</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="932" />
        <source>Offline — not yet connected to the city server</source>
        <translation>Luring — belum tersambung ke server kota</translation>
    </message>
    <message>
        <location filename="../../ui/display/board.py" line="935" />
        <source>Offline — data from %1</source>
        <translation>Luring — data terakhir pukul %1</translation>
    </message>
</context>
<context>
    <name>Footer</name>
    <message>
        <location filename="../../ui/widgets/frame.py" line="199" />
        <source>Back</source>
        <translation>Kembali</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/frame.py" line="200" />
        <source>Large text</source>
        <translation>Huruf besar</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/frame.py" line="201" />
        <source>High contrast</source>
        <translation>Kontras tinggi</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/frame.py" line="202" />
        <source>Home</source>
        <translation>Beranda</translation>
    </message>
</context>
<context>
    <name>Home</name>
    <message>
        <location filename="../../ui/screens/home.py" line="150" />
        <source>Welcome</source>
        <translation>Selamat datang</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="151" />
        <source>Touch a button below to begin.</source>
        <translation>Silakan sentuh salah satu tombol di bawah.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="152" />
        <source>Take a queue number</source>
        <translation>Ambil Nomor Antrian</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="153" />
        <source>Find a service</source>
        <translation>Cari Layanan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="154" />
        <source>Queue status</source>
        <translation>Lihat Antrian</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="155" />
        <source>Information &amp; complaints</source>
        <translation>Informasi &amp; Pengaduan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="156" />
        <source>Rate our service</source>
        <translation>Beri Penilaian</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="157" />
        <source>Now serving</source>
        <translation>Sedang dilayani</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="158" />
        <source>Announcements</source>
        <translation>Pengumuman</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="168" />
        <source>Services open for numbers now: %1 of %2</source>
        <translation>Layanan yang bisa diambil nomornya sekarang: %1 dari %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="192" />
        <source>No number is being served right now. Last called: %1 at %2.</source>
        <translation>Tidak ada nomor yang sedang dilayani saat ini. Terakhir dipanggil: %1 di %2.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="195" />
        <source>No numbers have been called yet today.</source>
        <translation>Hari ini belum ada nomor yang dipanggil.</translation>
    </message>
</context>
<context>
    <name>Info</name>
    <message>
        <location filename="../../ui/screens/info.py" line="21" />
        <source>Information &amp; complaints</source>
        <translation>Informasi &amp; Pengaduan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/info.py" line="29" />
        <source>Most services open Monday to Friday from 08:00. Each service shows its own hours for today.</source>
        <translation>Sebagian besar layanan buka Senin sampai Jumat mulai 08:00. Jam buka hari ini tertera di setiap layanan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/info.py" line="32" />
        <source>Services here are free unless a fee is shown. Do not pay anyone extra.</source>
        <translation>Layanan di sini gratis, kecuali jika tertera biayanya. Jangan membayar tambahan kepada siapa pun.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/info.py" line="38" />
        <source>Not satisfied? Tell us.</source>
        <translation>Kurang puas? Sampaikan kepada kami.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/info.py" line="39" />
        <source>Send a complaint to SP4N-LAPOR!, the government's public complaint service: lapor.go.id, or an SMS to 1708. You can also ask the information desk.</source>
        <translation>Kirim pengaduan ke SP4N-LAPOR!, layanan pengaduan masyarakat dari pemerintah: lapor.go.id, atau kirim SMS ke 1708. Anda juga bisa bertanya di meja informasi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/info.py" line="44" />
        <source>This kiosk shows sample data for demonstration.</source>
        <translation>Data di layar ini hanya contoh untuk peragaan.</translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <location filename="../../ui/widgets/keyboard.py" line="62" />
        <source>Clear</source>
        <translation>Kosongkan</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keyboard.py" line="63" />
        <source>Space</source>
        <translation>Spasi</translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keyboard.py" line="64" />
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
</context>
<context>
    <name>Printer</name>
    <message>
        <location filename="../../ui/printer_words.py" line="12" />
        <source>No ticket printer is set up: tickets are shown on the screen only.</source>
        <translation>Printer tiket belum dipasang: tiket hanya ditampilkan di layar.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_words.py" line="14" />
        <source>The printer has not been checked yet.</source>
        <translation>Printer belum diperiksa.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_words.py" line="15" />
        <source>The printer is ready.</source>
        <translation>Printer siap.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_words.py" line="16" />
        <source>The paper roll is nearly finished. Put in a new roll soon.</source>
        <translation>Gulungan kertas hampir habis. Segera pasang gulungan baru.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_words.py" line="18" />
        <source>The printer is out of paper. Put in a new roll.</source>
        <translation>Kertas printer habis. Pasang gulungan baru.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_words.py" line="20" />
        <source>The printer's cover is open. Close it firmly.</source>
        <translation>Tutup printer terbuka. Tutup dengan rapat.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_words.py" line="22" />
        <source>The printer is offline. Check its buttons and lights.</source>
        <translation>Printer tidak aktif. Periksa tombol dan lampunya.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_words.py" line="24" />
        <source>The printer reports a fault (for example its cutter). Switch it off and on again; if that does not help, call IT.</source>
        <translation>Printer melaporkan kerusakan (misalnya pada pemotong kertas). Matikan lalu nyalakan lagi; jika tidak membantu, hubungi petugas TI.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_words.py" line="27" />
        <source>The printer does not answer. Check that it is switched on and its cable is in; if it stays silent, call IT.</source>
        <translation>Printer tidak menjawab. Periksa apakah printer menyala dan kabelnya terpasang; jika tetap tidak menjawab, hubungi petugas TI.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_words.py" line="30" />
        <source>The printer cannot be reached. Check that it is switched on and its cable is in; if it stays so, call IT.</source>
        <translation>Printer tidak dapat dihubungi. Periksa apakah printer menyala dan kabelnya terpasang; jika tetap begitu, hubungi petugas TI.</translation>
    </message>
    <message>
        <location filename="../../ui/printer_words.py" line="33" />
        <source>The connection to the printer broke during printing. Check its cable and power.</source>
        <translation>Sambungan ke printer terputus saat mencetak. Periksa kabel dan listriknya.</translation>
    </message>
</context>
<context>
    <name>Problem</name>
    <message>
        <location filename="../../ui/problem_screen.py" line="50" />
        <source>This kiosk needs attention</source>
        <translation>Layar ini perlu diperiksa petugas</translation>
    </message>
    <message>
        <location filename="../../ui/problem_screen.py" line="51" />
        <source>Please use another kiosk or ask the information desk.</source>
        <translation>Silakan gunakan layar lain atau tanyakan ke meja informasi.</translation>
    </message>
    <message>
        <location filename="../../ui/problem_screen.py" line="52" />
        <source>For IT:</source>
        <translation>Untuk petugas TI:</translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <location filename="../../ui/screens/queue.py" line="28" />
        <source>Queue status</source>
        <translation>Status Antrian</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="30" />
        <source>Busiest services first. This page updates by itself.</source>
        <translation>Layanan yang paling ramai ada di atas. Halaman ini diperbarui otomatis.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="39" />
        <source>Now serving: %1</source>
        <translation>Sedang dilayani: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="57" />
        <source>Loading the queue…</source>
        <translation>Memuat antrian…</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <location filename="../../ui/screens/search.py" line="85" />
        <source>Find a service</source>
        <translation>Cari Layanan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="86" />
        <source>Type a service name</source>
        <translation>Ketik nama layanan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="91" />
        <source>Type a few letters of the service or the office you need, for example KTP or SKCK.</source>
        <translation>Ketik beberapa huruf nama layanan atau instansi yang Anda perlukan, misalnya KTP atau SKCK.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="97" />
        <source>Nothing found. Try fewer letters, or browse by office.</source>
        <translation>Tidak ditemukan. Coba ketik lebih sedikit huruf, atau pilih dari daftar instansi.</translation>
    </message>
</context>
<context>
    <name>Service</name>
    <message>
        <location filename="../../ui/screens/service.py" line="66" />
        <source>Sorry, a number could not be given just now. Please try again, or ask the information desk.</source>
        <translation>Maaf, nomor antrian belum dapat diberikan. Silakan coba lagi atau tanyakan ke meja informasi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="133" />
        <source>What to bring</source>
        <translation>Dokumen yang perlu dibawa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="136" />
        <source>No documents are needed.</source>
        <translation>Tidak perlu membawa dokumen apa pun.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="149" />
        <source>Please have these documents ready.</source>
        <translation>Silakan siapkan dokumen ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="153" />
        <source>Steps</source>
        <translation>Langkah</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="166" />
        <source>Good to know</source>
        <translation>Perlu diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="169" />
        <source>Fee</source>
        <translation>Biaya</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="170" />
        <source>Takes about</source>
        <translation>Lama layanan sekitar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="172" />
        <source>Where</source>
        <translation>Tempat</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="194" />
        <source>Full details on your phone</source>
        <translation>Keterangan lengkap di ponsel Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="199" />
        <source>Scan this code with your phone camera.</source>
        <translation>Arahkan kamera ponsel Anda ke kode ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="225" />
        <source>Priority service — choose one if it applies to you:</source>
        <translation>Layanan prioritas — pilih salah satu jika sesuai dengan Anda:</translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="239" />
        <source>Take a number</source>
        <translation>Ambil Nomor Antrian</translation>
    </message>
</context>
<context>
    <name>ServiceRow</name>
    <message>
        <location filename="../../ui/widgets/service_row.py" line="21" />
        <source>%1 waiting</source>
        <translation>%1 menunggu</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <location filename="../../ui/screens/services.py" line="42" />
        <source>Choose a service</source>
        <translation>Pilih Layanan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/services.py" line="44" />
        <source>Pick the office you need, or a topic below.</source>
        <translation>Silakan pilih instansi atau topik di bawah ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/services.py" line="66" />
        <source>Search by name, e.g. KTP</source>
        <translation>Cari nama layanan, misalnya KTP</translation>
    </message>
    <message>
        <location filename="../../ui/screens/services.py" line="74" />
        <source>Topics</source>
        <translation>Topik</translation>
    </message>
    <message>
        <location filename="../../ui/screens/services.py" line="86" />
        <source>Offices</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <location filename="../../ui/screens/services.py" line="91" />
        <source>Services: %1</source>
        <translation>Layanan: %1</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../ui/shell.py" line="223" />
        <source>Offline — not yet connected to the city server. You can still take a number.</source>
        <translation>Mode luring — belum tersambung ke server kota. Nomor antrian tetap bisa diambil.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="227" />
        <source>Offline — data from %1. You can still take a number.</source>
        <translation>Mode luring — data terakhir %1. Nomor antrian tetap bisa diambil.</translation>
    </message>
    <message>
        <location filename="../../ui/shell.py" line="282" />
        <source>Plaza Kiosk</source>
        <translation>Plaza Kiosk</translation>
    </message>
</context>
<context>
    <name>SignInPanel</name>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="66" />
        <source>Sign in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="67" />
        <source>Delete</source>
        <translation>Hapus</translation>
    </message>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="284" />
        <source>Please choose your name.</source>
        <translation>Silakan pilih nama Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="286" />
        <source>Please choose a counter.</source>
        <translation>Silakan pilih loket.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="288" />
        <source>The PIN has at least %1 digits.</source>
        <translation>PIN terdiri dari paling sedikit %1 angka.</translation>
    </message>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="314" />
        <source>Sign in at a counter</source>
        <translation>Masuk loket</translation>
    </message>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="316" />
        <source>1. Choose your name</source>
        <translation>1. Pilih nama Anda</translation>
    </message>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="317" />
        <source>2. Choose the counter</source>
        <translation>2. Pilih loket</translation>
    </message>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="318" />
        <source>3. Enter your PIN</source>
        <translation>3. Masukkan PIN Anda</translation>
    </message>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="319" />
        <source>Checking…</source>
        <translation>Memeriksa…</translation>
    </message>
    <message>
        <location filename="../../ui/counter/sign_in.py" line="321" />
        <source>Counter %1</source>
        <translation>Loket %1</translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../ui/screens/staff.py" line="94" />
        <source>Staff only</source>
        <translation>Khusus petugas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="97" />
        <source>No staff PIN is set up on this kiosk. IT: put a hash made by `plaza-kiosk hash-pin` in [staff] pin_hash of the config file.</source>
        <translation>PIN petugas belum diatur di kiosk ini. Untuk tim TI: isi [staff] pin_hash di file konfigurasi dengan hash dari perintah `plaza-kiosk hash-pin`.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="101" />
        <source>Enter the staff PIN.</source>
        <translation>Masukkan PIN petugas.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="108" />
        <source>Too many wrong PINs. Minutes until you can try again: %1</source>
        <translation>Terlalu banyak PIN salah. Coba lagi setelah %1 menit.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="117" />
        <source>Clear</source>
        <translation>Kosongkan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="117" />
        <location filename="../../ui/screens/staff.py" line="307" />
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="151" />
        <source>Wrong PIN. Attempts left: %1</source>
        <translation>PIN salah. Sisa percobaan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="158" />
        <source>Staff panel</source>
        <translation>Panel petugas</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="163" />
        <source>This kiosk</source>
        <translation>Kiosk ini</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="166" />
        <source>Device: %1</source>
        <translation>Perangkat: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="167" />
        <source>Local store: %1</source>
        <translation>Penyimpanan lokal: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="168" />
        <source>Waiting to be sent to the city server: %1</source>
        <translation>Menunggu dikirim ke server kota: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="175" />
        <source>Refused by the city server and set aside (never sent again): %1</source>
        <translation>Ditolak server kota dan disisihkan (tidak dikirim lagi): %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="180" />
        <source>The local store was damaged and has been rebuilt. The old file was kept as %1.</source>
        <translation>Penyimpanan lokal rusak dan sudah dibuat ulang. File lama disimpan sebagai %1.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="187" />
        <source>Catalog problems (details in the log): %1</source>
        <translation>Masalah katalog (rincian di log): %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="195" />
        <source>No problems found.</source>
        <translation>Tidak ada masalah.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="201" />
        <source>Show the last ticket again</source>
        <translation>Tampilkan lagi tiket terakhir</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="203" />
        <source>Leave kiosk mode</source>
        <translation>Keluar dari mode kiosk</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="212" />
        <source>Services today</source>
        <translation>Layanan hari ini</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="223" />
        <source>Normal hours</source>
        <translation>Jam normal</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="224" />
        <source>Closed today</source>
        <translation>Tutup hari ini</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="225" />
        <source>Open today</source>
        <translation>Buka hari ini</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="245" />
        <source>Ticket printer</source>
        <translation>Printer tiket</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="255" />
        <source>Checked at %1</source>
        <translation>Diperiksa pukul %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="258" />
        <source>Check the printer</source>
        <translation>Periksa printer</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="263" />
        <source>Last tickets from this kiosk</source>
        <translation>Tiket terakhir dari kios ini</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="267" />
        <source>printed</source>
        <translation>tercetak</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="268" />
        <source>not printed</source>
        <translation>tidak tercetak</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="269" />
        <source>shown on screen only</source>
        <translation>hanya di layar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="271" />
        <source>Print again</source>
        <translation>Cetak ulang</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="280" />
        <source>Ticket %1 was printed again.</source>
        <translation>Tiket %1 sudah dicetak ulang.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="283" />
        <source>Ticket %1 could not be printed: %2</source>
        <translation>Tiket %1 tidak dapat dicetak: %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="301" />
        <source>Device check</source>
        <translation>Pemeriksaan perangkat</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="303" />
        <source>Checking this device…</source>
        <translation>Memeriksa perangkat ini…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="305" />
        <source>The same checks as `plaza-kiosk doctor`, each with what to do.</source>
        <translation>Pemeriksaan yang sama dengan `plaza-kiosk doctor`, masing-masing dengan langkah yang perlu dilakukan.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="307" />
        <source>Warning</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="308" />
        <source>Failed</source>
        <translation>Gagal</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="308" />
        <source>Not checked</source>
        <translation>Tidak diperiksa</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="314" />
        <source>What to do: %1</source>
        <translation>Yang perlu dilakukan: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="316" />
        <source>Check this device</source>
        <translation>Periksa perangkat ini</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="352" />
        <source>No ticket has been issued here today.</source>
        <translation>Hari ini belum ada tiket yang dikeluarkan di kiosk ini.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="355" />
        <source>The last ticket's service is no longer in the catalog: %1</source>
        <translation>Layanan untuk tiket terakhir sudah tidak ada di katalog: %1</translation>
    </message>
</context>
<context>
    <name>Survey</name>
    <message>
        <location filename="../../ui/screens/survey.py" line="305" />
        <source>About: %1</source>
        <translation>Tentang: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="307" />
        <source>About: this plaza as a whole</source>
        <translation>Tentang: plaza ini secara keseluruhan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="310" />
        <location filename="../../ui/screens/survey.py" line="327" />
        <source>Rate our service</source>
        <translation>Beri Penilaian</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="311" />
        <source>Which office served you? Your answers are anonymous: we never ask your name or number.</source>
        <translation>Instansi mana yang melayani Anda? Jawaban Anda tanpa nama: kami tidak pernah menanyakan nama atau nomor Anda.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="314" />
        <source>The plaza as a whole</source>
        <translation>Plaza secara keseluruhan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="329" />
        <source>Tap the face that fits. Your answer is anonymous.</source>
        <translation>Sentuh wajah yang sesuai. Jawaban Anda tanpa nama.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="335" />
        <source>Thank you!</source>
        <translation>Terima kasih!</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="336" />
        <source>Would you answer 9 short questions more? They follow the government's survey of public services and help this plaza do better. It takes about a minute.</source>
        <translation>Maukah Anda menjawab 9 pertanyaan singkat lagi? Pertanyaan ini mengikuti survei kepuasan layanan publik dari pemerintah dan membantu plaza ini menjadi lebih baik. Hanya sekitar satu menit.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="340" />
        <source>Yes, 9 questions</source>
        <translation>Ya, 9 pertanyaan</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="341" />
        <source>Write a comment</source>
        <translation>Tulis komentar</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="342" />
        <source>Finish</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="351" />
        <source>Question %1 of %2</source>
        <translation>Pertanyaan %1 dari %2</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="360" />
        <source>Skip this question</source>
        <translation>Lewati pertanyaan ini</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="367" />
        <source>A short comment</source>
        <translation>Komentar singkat</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="368" />
        <source>Optional. Please do not write names, ID or phone numbers.</source>
        <translation>Tidak wajib. Jangan tulis nama, NIK, atau nomor telepon.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="370" />
        <source>Type here</source>
        <translation>Ketik di sini</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="378" />
        <location filename="../../ui/screens/survey.py" line="388" />
        <location filename="../../ui/screens/survey.py" line="411" />
        <source>Skip</source>
        <translation>Lewati</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="379" />
        <location filename="../../ui/screens/survey.py" line="389" />
        <source>Continue</source>
        <translation>Lanjut</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="396" />
        <source>About you</source>
        <translation>Tentang Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="397" />
        <source>Optional, for the survey's figures. Tap what fits, or skip.</source>
        <translation>Tidak wajib, untuk data survei. Sentuh yang sesuai, atau lewati.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="412" />
        <source>Send</source>
        <translation>Kirim</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="420" />
        <source>Thank you for your rating</source>
        <translation>Terima kasih atas penilaian Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="421" />
        <source>Your answers help the offices here serve better.</source>
        <translation>Jawaban Anda membantu instansi di sini melayani lebih baik.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="424" />
        <source>A complaint?</source>
        <translation>Ada keluhan?</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="425" />
        <source>Report it to SP4N-LAPOR!, the government's complaint service: lapor.go.id, or an SMS to 1708.</source>
        <translation>Laporkan ke SP4N-LAPOR!, layanan pengaduan pemerintah: lapor.go.id, atau SMS ke 1708.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/survey.py" line="427" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
</context>
<context>
    <name>Ticket</name>
    <message>
        <location filename="../../ui/screens/ticket.py" line="106" />
        <source>Back to the start in 1 second.</source>
        <translation>Kembali ke awal dalam 1 detik.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="108" />
        <source>Back to the start in %1 seconds.</source>
        <translation>Kembali ke awal dalam %1 detik.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="125" />
        <source>Your queue number</source>
        <translation>Nomor antrian Anda</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="138" />
        <source>Priority: %1</source>
        <translation>Prioritas: %1</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="183" />
        <source>Your ticket could not be printed</source>
        <translation>Tiket Anda tidak dapat dicetak</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="185" />
        <source>Your number is kept. Take a photo of this screen or scan the code to follow your queue, or ask at the information desk.</source>
        <translation>Nomor Anda tetap tercatat. Foto layar ini atau pindai kodenya untuk memantau antrian, atau tanyakan ke meja informasi.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="189" />
        <source>Follow your queue on your phone</source>
        <translation>Pantau antrian di ponsel</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="191" />
        <source>Your ticket is being printed…</source>
        <translation>Tiket Anda sedang dicetak…</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="193" />
        <source>Your ticket has been printed. Please take it.</source>
        <translation>Tiket Anda sudah dicetak. Silakan ambil.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="195" />
        <source>No ticket printer here — please take a photo of this screen or scan the code.</source>
        <translation>Di sini tidak ada printer tiket — silakan foto layar ini atau pindai kodenya dengan ponsel.</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="213" />
        <source>Done</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="217" />
        <source>Rate our service</source>
        <translation>Beri Penilaian</translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../ui/wording.py" line="23" />
        <source>Numbers can be taken again at %1.</source>
        <translation>Nomor antrian bisa diambil lagi mulai %1.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="27" />
        <source>Numbers can be taken again on %1 from %2.</source>
        <translation>Nomor antrian bisa diambil lagi pada %1 mulai %2.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="37" />
        <source>Today is a public holiday (%1).</source>
        <translation>Hari ini hari libur (%1).</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="40" />
        <source>This service opens at %1.</source>
        <translation>Layanan ini buka %1.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="43" />
        <source>This service is closed today.</source>
        <translation>Layanan ini tutup hari ini.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="44" />
        <source>Today is a public holiday.</source>
        <translation>Hari ini hari libur.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="45" />
        <source>This service is not open today.</source>
        <translation>Layanan ini tidak buka hari ini.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="46" />
        <source>This service is not open yet.</source>
        <translation>Layanan ini belum buka.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="47" />
        <source>Break for Friday prayers.</source>
        <translation>Istirahat salat Jumat.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="48" />
        <source>Today's last number has been given out.</source>
        <translation>Pengambilan nomor antrian hari ini sudah ditutup.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="49" />
        <source>This service has closed for today.</source>
        <translation>Layanan ini sudah tutup untuk hari ini.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="50" />
        <source>Today's quota is full.</source>
        <translation>Kuota hari ini habis.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="51" />
        <source>No number can be given for this service here right now. Please ask at the information desk.</source>
        <translation>Nomor antrian untuk layanan ini belum dapat diberikan di sini. Silakan bertanya ke meja informasi.</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="62" />
        <source>Closed today</source>
        <translation>Tutup hari ini</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="63" />
        <source>Today %1–%2</source>
        <translation>Hari ini %1–%2</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="68" />
        <source>Free</source>
        <translation>Gratis</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="73" />
        <source>Waiting time unknown</source>
        <translation>Perkiraan waktu tunggu belum diketahui</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="75" />
        <source>You are next</source>
        <translation>Anda berikutnya</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="77" />
        <source>About %1 minutes at most</source>
        <translation>Paling lama sekitar %1 menit</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="79" />
        <source>About %1–%2 minutes</source>
        <translation>Sekitar %1–%2 menit</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="85" />
        <source>Nobody is ahead of you</source>
        <translation>Tidak ada antrian di depan Anda</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="87" />
        <source>1 person is ahead of you</source>
        <translation>1 orang di depan Anda</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="88" />
        <source>%1 people are ahead of you</source>
        <translation>%1 orang di depan Anda</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="92" />
        <source>%1 or %2</source>
        <translation>%1 atau %2</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="94" />
        <source>Counter %1</source>
        <translation>Loket %1</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="99" />
        <source>1 minute</source>
        <translation>1 menit</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="100" />
        <source>%1 minutes</source>
        <translation>%1 menit</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="113" />
        <source>Elderly (60+)</source>
        <translation>Lansia (60+)</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="114" />
        <source>Disability</source>
        <translation>Penyandang disabilitas</translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="115" />
        <source>Pregnant</source>
        <translation>Ibu hamil</translation>
    </message>
</context>
</TS>