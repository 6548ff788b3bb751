<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="id_ID">
<context>
    <name>ExitBackupWindow</name>
    <message>
        <location filename="../../ui/backup_exit.py" line="31"/>
        <source>Piket ditutup</source>
        <translation>Piket is closing</translation>
    </message>
    <message>
        <location filename="../../ui/backup_exit.py" line="36"/>
        <source>Membuat cadangan data sebelum Piket ditutup…</source>
        <translation>Backing up the data before Piket closes…</translation>
    </message>
    <message>
        <location filename="../../ui/backup_exit.py" line="43"/>
        <source>Jangan matikan komputer. Jendela ini tertutup sendiri bila cadangan selesai.</source>
        <translation>Do not switch the computer off. This window closes by itself when the backup is done.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="81"/>
        <source>Membuat data contoh, mohon tunggu…</source>
        <translation>Creating sample data, please wait…</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="127"/>
        <source>Isi dengan data contoh untuk latihan (kunjungan, patroli, pertemuan rekaan)</source>
        <translation>Fill with sample data for practice (invented visits, patrols, meetings)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="139"/>
        <source>Selamat datang di Piket</source>
        <translation>Welcome to Piket</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="141"/>
        <source>Simpan dan mulai</source>
        <translation>Save and start</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="143"/>
        <source>Basis data ini masih kosong. Periksa profil Polsek di bawah (sudah terisi untuk Polsek Pedamaran; ubah bila perlu). Semua dapat diubah nanti di Pengaturan.</source>
        <translation>This database is still empty. Check the station profile below (filled in for Polsek Pedamaran; change it if needed). Everything can be changed later in Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="161"/>
        <source>Personel pertama (petugas piket)</source>
        <translation>First officer (desk officer)</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="164"/>
        <source>mis. ANDI SAPUTRA</source>
        <translation>e.g. ANDI SAPUTRA</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="165"/>
        <source>8 angka</source>
        <translation>8 digits</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="167"/>
        <source>Na&amp;ma</source>
        <translation>Na&amp;me</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="168"/>
        <source>Pa&amp;ngkat</source>
        <translation>Ra&amp;nk</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="169"/>
        <source>NR&amp;P</source>
        <translation>NR&amp;P</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="171"/>
        <source>Minimal satu personel agar ada yang tercatat sebagai petugas piket. Personel lain ditambah di Data Master.</source>
        <translation>At least one officer, so someone can be recorded as on duty. Add other officers in Master data.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="225"/>
        <source>NRP ini sudah dipakai personel lain (nonaktif). Pakai NRP lain atau aktifkan personel itu nanti di Data Master.</source>
        <translation>This NRP already belongs to another (inactive) officer. Use another NRP or reactivate that officer later in Master data.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="236"/>
        <source>Data contoh gagal dibuat (%1). Profil sudah tersimpan; hilangkan centang data contoh untuk melanjutkan.</source>
        <translation>Sample data could not be created (%1). The profile is saved; untick sample data to continue.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="31"/>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="32"/>
        <source>Kunjungan &amp; Laporan</source>
        <translation>Visits &amp; reports</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="33"/>
        <source>Patroli</source>
        <translation>Patrols</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="34"/>
        <source>Pertemuan Warga</source>
        <translation>Community meetings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="35"/>
        <source>Tindak Lanjut</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location filename="../../ui/pages.py" line="127"/>
        <source>Register LP</source>
        <translation>Police report register</translation>
    </message>
    <message>
        <location filename="../../ui/pages.py" line="128"/>
        <source>Buku Mutasi</source>
        <translation>Duty journal</translation>
    </message>
    <message>
        <location filename="../../ui/pages.py" line="129"/>
        <source>Buku Ekspedisi</source>
        <translation>Dispatch book</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="36"/>
        <source>Rekap Mingguan</source>
        <translation>Weekly review</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="37"/>
        <source>Data Master</source>
        <translation>Master data</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="38"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="53"/>
        <source>&amp;Ganti petugas…</source>
        <translation>&amp;Change officer…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94"/>
        <source>Ganti petugas (Ctrl+Shift+O)</source>
        <translation>Change officer (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="98"/>
        <source>Basis data: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="136"/>
        <source>Petugas piket: %1</source>
        <translation>Officer on duty: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137"/>
        <source>Petugas piket: (belum dipilih)</source>
        <translation>Officer on duty: (not chosen)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py"/>
        <source>&amp;Kunci layar sekarang</source>
        <translation>&amp;Lock the screen now</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py"/>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py"/>
        <source>Petugas piket: (terkunci)</source>
        <translation>Officer on duty: (locked)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220"/>
        <source>Halaman ini belum tersedia.</source>
        <translation>This page is not available yet.</translation>
    </message>
    <message>
        <source>Akun Petugas</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Riwayat Akses</source>
        <translation>Access log</translation>
    </message>
    <message>
        <source>Akun</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Ganti &amp;kata sandi…</source>
        <translation>Change &amp;password…</translation>
    </message>
    <message>
        <source>Kata sandi sudah diganti.</source>
        <translation>The password was changed.</translation>
    </message>
</context>
<context>
    <name>MasterPage</name>
    <message>
        <location filename="../../ui/master/page.py" line="46"/>
        <source>Personel</source>
        <translation>Officers</translation>
    </message>
    <message>
        <location filename="../../ui/master/page.py" line="48"/>
        <source>Desa</source>
        <translation>Villages</translation>
    </message>
    <message>
        <location filename="../../ui/master/page.py" line="50"/>
        <source>Kategori</source>
        <translation>Categories</translation>
    </message>
    <message>
        <location filename="../../ui/master/page.py" line="53"/>
        <source>Pasal</source>
        <translation>Law articles</translation>
    </message>
    <message>
        <location filename="../../ui/master/page.py" line="56"/>
        <source>Jenis tempat</source>
        <translation>Place types</translation>
    </message>
    <message>
        <location filename="../../ui/master/page.py" line="59"/>
        <source>Kendaraan</source>
        <translation>Vehicles</translation>
    </message>
    <message>
        <location filename="../../ui/master/page.py" line="49"/>
        <source>Jabatan</source>
        <translation>Positions</translation>
    </message>
    <message>
        <location filename="../../ui/master/page.py" line="77"/>
        <source>Profil Polsek</source>
        <translation>Station profile</translation>
    </message>
    <message>
        <location filename="../../ui/master/page.py" line="79"/>
        <source>&lt;b&gt;Data Master&lt;/b&gt; — data yang dipakai di semua isian. Data tidak pernah dihapus: nonaktifkan bila tidak dipakai lagi.</source>
        <translation>&lt;b&gt;Master data&lt;/b&gt; — the lists every form uses. Nothing is ever deleted: deactivate what is no longer used.</translation>
    </message>
    <message>
        <location filename="../../ui/master/page.py" line="93"/>
        <source>Nama Polsek, Polres dan Polda, Kapolsek, zona waktu, ukuran kertas dan pola nomor surat (LP, SKTLK, STPP, STPD) diatur di halaman Pengaturan.</source>
        <translation>The station, Polres and Polda names, the commander, time zone, paper size and document number templates (LP, SKTLK, STPP, STPD) are set in Settings.</translation>
    </message>
    <message>
        <location filename="../../ui/master/page.py" line="96"/>
        <source>Buka Pengaturan › Profil Polsek</source>
        <translation>Open Settings › Station profile</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings/page.py"/>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py"/>
        <source>&amp;Kunci layar setelah</source>
        <translation>&amp;Lock the screen after</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py"/>
        <source>Bila tidak ada ketikan atau gerakan tetikus selama itu, layar Piket terkunci; isian formulir tetap ada.</source>
        <translation>With no typing or mouse movement for that long, Piket locks its screen; what forms hold is kept.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="53"/>
        <source>Cadangan data belum tersedia.</source>
        <translation>Backups are not available yet.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="54"/>
        <source>&amp;Simpan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="55"/>
        <source>Batalkan pe&amp;rubahan</source>
        <translation>&amp;Revert changes</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="64"/>
        <source>&amp;Bahasa tampilan</source>
        <translation>Display &amp;language</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="65"/>
        <source>Berlaku setelah Piket dibuka ulang.</source>
        <translation>Takes effect after Piket is restarted.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="70"/>
        <source>Profil Polsek</source>
        <translation>Station profile</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="71"/>
        <source>Pola nomor</source>
        <translation>Number templates</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="73"/>
        <source>Dokumen</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="72"/>
        <source>Umum</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="74"/>
        <source>Cadangan</source>
        <translation>Backup</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="75"/>
        <source>Simpan pengaturan (Ctrl+S)</source>
        <translation>Save settings (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="84"/>
        <source>&lt;b&gt;Pengaturan&lt;/b&gt;</source>
        <translation>&lt;b&gt;Settings&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="150"/>
        <source>Belum disimpan: periksa pesan di samping kolom.</source>
        <translation>Not saved: check the messages next to the fields.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="165"/>
        <source> Bahasa berganti setelah Piket dibuka ulang.</source>
        <translation> The language changes after Piket is restarted.</translation>
    </message>
    <message>
        <location filename="../../ui/settings/page.py" line="167"/>
        <source>Pengaturan tersimpan.</source>
        <translation>Settings saved.</translation>
    </message>
</context>
</TS>
