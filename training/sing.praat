# Imposes a melody on speech (PSOLA, Praat's overlap-add resynthesis): the pitch follows notes of equal length, with
# vibrato, so a spoken utterance sounds sung. Called by train.py's sing():
#   praat --run sing.praat IN.wav OUT.wav NOTE_SECONDS VIBRATO_HZ VIBRATO_CENTS "f1 f2 f3 ..."   (note frequencies in Hz)
form Sing
    sentence In
    sentence Out
    positive Note_seconds 0.4
    positive Vibrato_hz 5.5
    real Vibrato_cents 40
    sentence Notes 220 247 262
endform
sound = Read from file: in$
duration = Get total duration
manipulation = To Manipulation: 0.01, 60, 700
melody = Create PitchTier: "melody", 0, duration
notes$ = notes$ + " "
count = 0
while length(notes$) > 0
    space = index(notes$, " ")
    count += 1
    note[count] = number(left$(notes$, space - 1))
    notes$ = right$(notes$, length(notes$) - space)
endwhile
t = 0
while t <= duration
    index = floor(t / note_seconds) mod count + 1
    f = note[index] * 2 ^ (vibrato_cents / 1200 * sin(2 * pi * vibrato_hz * t))
    Add point: t, f
    t += 0.01
endwhile
selectObject: manipulation, melody
Replace pitch tier
selectObject: manipulation
sung = Get resynthesis (overlap-add)
Save as WAV file: out$
