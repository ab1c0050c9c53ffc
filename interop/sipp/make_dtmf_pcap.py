#!/usr/bin/env python3
"""Writes a pcap of one RTP stream for SIPp's play_pcap_audio: PCMU silence with RFC 4733 key presses.

Usage: make_dtmf_pcap.py [OUTPUT] [DIGITS]   (defaults: dtmf_pcmu.pcap, 15#)

One SSRC, continuous sequence numbers, 20 ms packets at 8 kHz. Each key press: 7 event updates with growing
duration (the first with the marker bit), then the end packet three times (RFC 4733 section 2.5.1.4), all with the
timestamp of the event's start. PCMU payload type 0, telephone-event payload type 101 (as the scenarios' SDP).
"""
import struct
import sys

PCMU, EVENT_PT, SSRC = 0, 101, 0x5151D7F0
EVENTS = {**{str(d): d for d in range(10)}, '*': 10, '#': 11, 'A': 12, 'B': 13, 'C': 14, 'D': 15}


def ip_checksum(header):
    total = sum(struct.unpack('!10H', header))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def frame(rtp):
    udp = struct.pack('!HHHH', 6000, 6000, 8 + len(rtp), 0) + rtp
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                     bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]))
    ip = ip[:10] + struct.pack('!H', ip_checksum(ip)) + ip[12:]
    return b'\x00' * 12 + b'\x08\x00' + ip + udp


def main():
    output = sys.argv[1] if len(sys.argv) > 1 else 'dtmf_pcmu.pcap'
    digits = sys.argv[2] if len(sys.argv) > 2 else '15#'
    packets = []  # (time in ms, rtp bytes)
    state = {'seq': 1000, 'ts': 8000, 'ms': 0}

    def rtp(pt, marker, ts, payload):
        header = struct.pack('!BBHII', 0x80, (0x80 if marker else 0) | pt, state['seq'] & 0xFFFF, ts & 0xFFFFFFFF, SSRC)
        packets.append((state['ms'], header + payload))
        state['seq'] += 1
        state['ms'] += 20

    def silence(count):
        for _ in range(count):
            rtp(PCMU, False, state['ts'], b'\xff' * 160)
            state['ts'] += 160

    silence(15)
    for digit in digits:
        event, start = EVENTS[digit.upper()], state['ts']
        for i in range(1, 8):
            rtp(EVENT_PT, i == 1, start, struct.pack('!BBH', event, 10, i * 160))
        for _ in range(3):
            rtp(EVENT_PT, False, start, struct.pack('!BBH', event, 0x80 | 10, 8 * 160))
        state['ts'] = start + 10 * 160
        silence(15)

    with open(output, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for ms, payload in packets:
            data = frame(payload)
            f.write(struct.pack('<IIII', ms // 1000, (ms % 1000) * 1000, len(data), len(data)) + data)
    print(f'{output}: {len(packets)} packets, digits {digits}')


if __name__ == '__main__':
    main()
