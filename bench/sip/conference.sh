#!/usr/bin/env bash
# SIP conference benchmark (not a test): CALLS calls, each grown to PARTICIPANTS SIPp legs that all talk (a PCMU
# pcap per leg; BENCH_CONF_TALKER=sink: the RTP receiver talks from each leg's port instead, without SIPp's raw
# sockets), a looped prompt into each call's mix, D seconds of steady state measured at the receiver on every leg.
# Prints one report (also bench/sip/out/report-conference-<timestamp>.txt). Needs root or CAP_NET_RAW (SIPp's
# play_pcap_audio, the capture) and python3, besides what run.sh needs. Details: the top of run.sh.
#
# Usage: bench/sip/conference.sh [CALLS=50] [PARTICIPANTS=6] [D seconds=30]     (= run.sh --conference ...)
# Setting: BENCH_CONF_RATE (call creates per second, 10); the BENCH_* port settings of run.sh.
exec "$(dirname "${BASH_SOURCE[0]}")/run.sh" --conference "$@"
