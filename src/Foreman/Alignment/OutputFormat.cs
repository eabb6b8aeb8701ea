namespace Foreman.Alignment;

/// <summary>The documents an alignment can be written as.</summary>
public enum OutputFormat
{
    /// <summary><c>{model, duration, lines:[{text,start,end,confidence,words:[...]}]}</c>.</summary>
    Json,
    /// <summary>Line-level LRC: <c>[mm:ss.xx]</c> per line.</summary>
    Lrc,
    /// <summary>Enhanced LRC: line tags plus <c>&lt;mm:ss.xx&gt;</c> word tags.</summary>
    Elrc,
    /// <summary>SubRip subtitles, one cue per line.</summary>
    Srt,
    /// <summary>WebVTT with word-level karaoke timestamps.</summary>
    Vtt,
    /// <summary>Praat TextGrid with words and lines tiers.</summary>
    TextGrid,
}
