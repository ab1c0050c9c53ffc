#!/usr/bin/env python3
"""Writes a pcap of one PCMU RTP stream for SIPp's play_pcap_audio: what each conference leg says.

Usage: make_tone_pcap.py OUTPUT SECONDS [HZ=1000]

A sine of HZ at -20 dBFS with a little noise, PCMU (payload type 0, as uas_conference.xml's SDP), 20 ms packets of
160 samples, one SSRC, continuous sequence numbers and timestamps, SECONDS long. SIPp replays the RTP header byte
for byte and rewrites only the addresses and ports (from -mi and the call's [auto_media_port+4], to the peer's
SDP), so every leg sends the same stream. The tone differs from the benchmark prompt (440 Hz) so a capture can
tell the legs' voices from the prompt in the mix. Written like interop/sipp/make_dtmf_pcap.py (Ethernet/IPv4/UDP
frames); SECONDS = 300 makes 15,000 packets, about 3 MB.
"""
import math
import random
import struct
import sys

PCMU, SSRC, FRAME = 0, 0x0C0FFEE5, 160


def ulaw(sample):
    """G.711 mu-law of a 16-bit linear sample."""
    sign = 0x80 if sample < 0 else 0
    magnitude = min(-sample if sample < 0 else sample, 32635) + 0x84
    exponent = (magnitude >> 7).bit_length() - 1
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    return ~(sign | (exponent << 4) | mantissa) & 0xFF


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
    if len(sys.argv) < 3:
        sys.exit('usage: make_tone_pcap.py OUTPUT SECONDS [HZ=1000]')
    output, seconds = sys.argv[1], int(sys.argv[2])
    hz = float(sys.argv[3]) if len(sys.argv) > 3 else 1000.0
    if seconds <= 0:
        sys.exit('SECONDS: ' + sys.argv[2] + ' (expected: a positive whole number)')
    # one second of payloads (50 frames), repeated: whole periods for any whole HZ at 8 kHz
    noise = random.Random(7)
    second = bytes(ulaw(int(round(3277 * math.sin(2 * math.pi * hz * n / 8000) + noise.gauss(0, 100))))
                   for n in range(8000))
    payloads = [second[k * FRAME:(k + 1) * FRAME] for k in range(50)]
    count = seconds * 50
    with open(output, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for k in range(count):
            header = struct.pack('!BBHII', 0x80, (0x80 if k == 0 else 0) | PCMU, (1000 + k) & 0xFFFF,
                                 (8000 + k * FRAME) & 0xFFFFFFFF, SSRC)
            data = frame(header + payloads[k % 50])
            ms = k * 20
            f.write(struct.pack('<IIII', ms // 1000, (ms % 1000) * 1000, len(data), len(data)) + data)
    print(f'{output}: {count} packets, {seconds} s of {hz:g} Hz PCMU at 20 ms')


if __name__ == '__main__':
    main()
