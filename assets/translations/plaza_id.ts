<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>Attract</name>
    <message>
        <location filename="../../ui/screens/attract.py" line="61"/>
        <source>Touch the screen to start</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Badge</name>
    <message>
        <location filename="../../ui/widgets/service_row.py" line="17"/>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/service_row.py" line="18"/>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/service_row.py" line="19"/>
        <source>Quota full</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Footer</name>
    <message>
        <location filename="../../ui/widgets/frame.py" line="128"/>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/frame.py" line="129"/>
        <source>Large text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/frame.py" line="130"/>
        <source>High contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/frame.py" line="131"/>
        <source>Home</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Home</name>
    <message>
        <location filename="../../ui/screens/home.py" line="114"/>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="115"/>
        <source>Touch a button below to begin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="116"/>
        <source>Take a queue number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="117"/>
        <source>Find a service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="118"/>
        <source>Queue status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="119"/>
        <source>Information &amp; complaints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="120"/>
        <source>Now serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="121"/>
        <source>Announcements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/home.py" line="138"/>
        <source>No numbers have been called yet today.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Info</name>
    <message>
        <location filename="../../ui/screens/info.py" line="23"/>
        <source>Information &amp; complaints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/info.py" line="31"/>
        <source>Most services open Monday to Friday from 08:00. Each service shows its own hours for today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/info.py" line="34"/>
        <source>Services here are free unless a fee is shown. Do not pay anyone extra.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/info.py" line="44"/>
        <source>Not satisfied? Tell us.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/info.py" line="45"/>
        <source>Send a complaint to SP4N-LAPOR!, the government&apos;s public complaint service: lapor.go.id, or an SMS to 1708. You can also ask the information desk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/info.py" line="56"/>
        <source>This kiosk shows sample data for demonstration.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keyboard</name>
    <message>
        <location filename="../../ui/widgets/keyboard.py" line="45"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keyboard.py" line="46"/>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/widgets/keyboard.py" line="47"/>
        <source>⌫ Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <location filename="../../ui/screens/queue.py" line="27"/>
        <source>Queue status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="29"/>
        <source>Busiest services first. This page updates by itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="55"/>
        <source>Now serving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/queue.py" line="63"/>
        <source>Loading the queue…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <location filename="../../ui/screens/search.py" line="68"/>
        <source>Type a service, e.g. KTP or SKCK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="73"/>
        <source>Find a service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="74"/>
        <source>Type a few letters of the service or the office you need.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/search.py" line="79"/>
        <source>Nothing found. Try fewer letters, or browse by office.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Service</name>
    <message>
        <location filename="../../ui/screens/service.py" line="108"/>
        <source>What to bring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="111"/>
        <source>No documents are needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="124"/>
        <source>Please have these documents ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="128"/>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="141"/>
        <source>Good to know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="143"/>
        <source>Fee</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="145"/>
        <source>Takes about</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="146"/>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="166"/>
        <source>Full details on your phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="171"/>
        <source>Scan this code with your phone camera.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="196"/>
        <source>Priority service — choose one if it applies to you:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/service.py" line="207"/>
        <source>Take a number</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServiceRow</name>
    <message>
        <location filename="../../ui/widgets/service_row.py" line="24"/>
        <source>%n waiting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <location filename="../../ui/screens/services.py" line="43"/>
        <source>Choose a service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/services.py" line="45"/>
        <source>Pick the office you need, or a topic below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/services.py" line="51"/>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/services.py" line="63"/>
        <source>Offices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/services.py" line="83"/>
        <source>%n service(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <location filename="../../ui/shell.py" line="178"/>
        <source>Plaza Kiosk</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Staff</name>
    <message>
        <location filename="../../ui/screens/staff.py" line="54"/>
        <source>Staff only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="57"/>
        <source>No staff PIN is set up on this kiosk. IT: put a hash made by `plaza-kiosk hash-pin` in [staff] pin_hash of the config file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="61"/>
        <source>Enter the staff PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="75"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="75"/>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="105"/>
        <source>Staff panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="110"/>
        <source>This kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="113"/>
        <source>Device: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="114"/>
        <source>Local store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="122"/>
        <source>The local store was damaged and has been rebuilt. The old file was kept as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="133"/>
        <source>No problems found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="138"/>
        <source>Show the last ticket again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="140"/>
        <source>Leave kiosk mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="149"/>
        <source>Services today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="158"/>
        <source>Normal hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="159"/>
        <source>Closed today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="160"/>
        <source>Open today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/staff.py" line="175"/>
        <source>No ticket has been issued here today.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Ticket</name>
    <message>
        <location filename="../../ui/screens/ticket.py" line="74"/>
        <source>Your queue number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="86"/>
        <source>Priority: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="104"/>
        <source>Follow your queue on your phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="106"/>
        <source>No ticket printer here — please take a photo of this screen or scan the code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/screens/ticket.py" line="114"/>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Wording</name>
    <message>
        <location filename="../../ui/wording.py" line="22"/>
        <source>Numbers can be taken again at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="26"/>
        <source>Numbers can be taken again on %1 from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="36"/>
        <source>Today is a public holiday (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="39"/>
        <source>This service opens at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="42"/>
        <source>This service is closed today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="43"/>
        <source>Today is a public holiday.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="44"/>
        <source>This service is not open today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="45"/>
        <source>This service is not open yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="46"/>
        <source>Break for Friday prayers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="47"/>
        <source>Today&apos;s last number has been given out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="48"/>
        <source>This service has closed for today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="49"/>
        <source>Today&apos;s quota is full.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="58"/>
        <source>Closed today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="59"/>
        <source>Today %1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="64"/>
        <source>Free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="69"/>
        <source>Waiting time unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="71"/>
        <source>You are next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="73"/>
        <source>About %1 minutes at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="75"/>
        <source>About %1–%2 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="81"/>
        <source>Nobody is ahead of you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="82"/>
        <source>%n person(s) ahead of you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="90"/>
        <source>%n minute(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="98"/>
        <source>Elderly (60+)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="99"/>
        <source>Disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../ui/wording.py" line="100"/>
        <source>Pregnant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
