using Foreman.Alignment;
using Foreman.Alignment.Formats;
using Foreman.Alignment.Text;
using Foreman.Emissions;
using Foreman.Inputs;
using Foreman.Models;
using Foreman.Queue;
using Foreman.Webhooks;
using Microsoft.Extensions.Options;

namespace Foreman.Api;

/// <summary>
/// A submit's fields, as sent, checked one by one into the job to store. Each step names one field and rejects it
/// with the problem a client can act on (<see cref="SubmissionRejectedException"/>); the first failing step answers.
/// </summary>
public sealed class SubmissionValidator(
    ModelCatalog models,
    AudioUrlRules urlRules,
    CallbackUrlRules callbackRules,
    IOptions<StorageOptions> storage,
    IOptions<QueueOptions> queue,
    TimeProvider time)
{
    /// <summary>Longest keep_alive or deadline accepted: beyond it the times would only overflow, not mean more.</summary>
    private static readonly TimeSpan LongestDuration = TimeSpan.FromDays(30);

    /// <exception cref="SubmissionRejectedException">A field is missing or invalid.</exception>
    public NewJob ToJob(string id, Submission submission, string? idempotencyKey)
    {
        var audioUrl = AudioUrl(submission);
        var lyrics = Lyrics(submission);
        var model = Model(submission);
        var parsed = Parse(lyrics, Vocabulary(model), Language(submission));
        var audioPath = submission.AudioTempPath is null ? null : UploadFiles.PathOf(storage.Value.UploadsDir, id);
        return new NewJob(id, model, OutputFormats.Name(Format(submission)), audioPath, audioUrl, lyrics, idempotencyKey,
            KeepAlive(submission), queue.Value.MaxAttempts, Deadline(submission), parsed.Language, CallbackUrl(submission));
    }

    /// <summary>Either an uploaded file (not empty) or an allowed <c>audio_url</c>; returns the URL, null for an upload.</summary>
    internal string? AudioUrl(Submission submission)
    {
        var hasUpload = submission.AudioTempPath is not null;
        var url = submission.AudioUrl?.Trim();
        if (hasUpload && !string.IsNullOrEmpty(url))
            throw Reject(Problems.BadRequest("send either an audio file or an audio_url, not both"));
        if (!hasUpload && string.IsNullOrEmpty(url))
            throw Reject(Problems.BadRequest("the audio field (a file) or the audio_url field is required", "missing-audio"));
        if (hasUpload && submission.AudioBytes == 0)
            throw Reject(Problems.Unprocessable("the audio file is empty", "empty-audio"));
        if (!string.IsNullOrEmpty(url) && urlRules.Check(url) is { } urlError)
            throw Reject(Problems.BadRequest(urlError, "invalid-audio-url"));
        return hasUpload ? null : url;
    }

    internal static string Lyrics(Submission submission)
    {
        if (submission.Lyrics is null)
            throw Reject(Problems.BadRequest("the lyrics field is required", "missing-lyrics"));
        if (LyricsRules.FindControlCharacter(submission.Lyrics) is { } control)
            throw Reject(Problems.BadRequest(control, "invalid-lyrics"));
        return submission.Lyrics;
    }

    /// <summary>The model asked for, or the default one; it must be installed.</summary>
    internal string Model(Submission submission)
    {
        var model = string.IsNullOrWhiteSpace(submission.Model) ? models.DefaultModel : submission.Model.Trim();
        if (!ModelNames.IsValid(model))
            throw Reject(Problems.BadRequest($"'{model}' is not a valid model name (letters, digits, '.', '_' and '-')", "invalid-model-name"));
        if (!models.Contains(model))
            throw Reject(Problems.Unprocessable($"unknown model '{model}'; available: {string.Join(", ", models.Names())}", "unknown-model"));
        return model;
    }

    private Vocabulary Vocabulary(string model)
    {
        try
        {
            return models.VocabularyOf(model);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            throw Reject(Problems.Unprocessable($"model '{model}' cannot be used: its vocab.json could not be read ({e.Message})", "broken-model"));
        }
    }

    internal static string? Language(Submission submission)
    {
        if (string.IsNullOrWhiteSpace(submission.Language)) return null;
        return Languages.Normalize(submission.Language) ?? throw Reject(Problems.BadRequest(
            $"language '{submission.Language}' is not an ISO 639-1 code (e.g. en, fr, es, de, zh, ja); leave it out to guess it from the lyrics' script", "invalid-language"));
    }

    /// <summary>Checks that something can be aligned, and settles the language (given or guessed) that the job stores.</summary>
    private static ParsedLyrics Parse(string lyrics, Vocabulary vocabulary, string? language)
    {
        try
        {
            return ForcedAlignmentEngine.Parse(lyrics, vocabulary, language);
        }
        catch (AlignmentInputException e)
        {
            throw Reject(Problems.Unprocessable(e.Message, "no-lyrics"));
        }
    }

    internal static OutputFormat Format(Submission submission)
    {
        if (string.IsNullOrWhiteSpace(submission.Format)) return OutputFormat.Json;
        return OutputFormats.TryParse(submission.Format.Trim(), out var format) ? format : throw Reject(Problems.BadRequest(
            $"unknown format '{submission.Format}'; use one of {string.Join(", ", Enum.GetValues<OutputFormat>().Select(OutputFormats.Name))}", "unknown-format"));
    }

    internal static TimeSpan? KeepAlive(Submission submission)
    {
        if (string.IsNullOrWhiteSpace(submission.KeepAlive)) return null;
        if (!DurationText.TryParse(submission.KeepAlive, out var keepAlive))
            throw Reject(Problems.BadRequest($"keep_alive '{submission.KeepAlive}' is not a duration (e.g. 5m, 30s, 0, -1)"));
        if (keepAlive > LongestDuration)
            throw Reject(Problems.BadRequest($"keep_alive '{submission.KeepAlive}' is longer than {LongestDuration.TotalDays:0} days; use -1 to keep the model loaded"));
        return keepAlive;
    }

    internal DateTimeOffset? Deadline(Submission submission)
    {
        if (string.IsNullOrWhiteSpace(submission.Deadline)) return null;
        if (!DurationText.TryParse(submission.Deadline, out var within) || within <= TimeSpan.Zero)
            throw Reject(Problems.BadRequest($"deadline '{submission.Deadline}' is not a positive duration (e.g. 10m, 90s)"));
        if (within > LongestDuration)
            throw Reject(Problems.BadRequest($"deadline '{submission.Deadline}' is more than {LongestDuration.TotalDays:0} days away"));
        return time.GetUtcNow() + within;
    }

    /// <summary>A callback URL the webhook rules allow, on a server that can sign webhooks.</summary>
    internal string? CallbackUrl(Submission submission)
    {
        if (string.IsNullOrWhiteSpace(submission.CallbackUrl)) return null;
        var url = submission.CallbackUrl.Trim();
        if (callbackRules.Check(url) is { } callbackError)
            throw Reject(Problems.BadRequest(callbackError, "invalid-callback-url"));
        if (!callbackRules.Enabled)
            throw Reject(Problems.Unprocessable("this server sends no webhooks: it has no signing secret (operators: Foreman:Webhooks:Secret)", "webhooks-disabled"));
        return url;
    }

    private static SubmissionRejectedException Reject(Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult problem) => new(problem);
}
