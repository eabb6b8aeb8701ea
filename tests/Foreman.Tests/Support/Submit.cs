using System.Net.Http.Headers;

namespace Foreman.Tests.Support;

/// <summary>Builds submit requests the way a client would.</summary>
public static class Submit
{
    public static MultipartFormDataContent Form(byte[]? audio, string? lyrics, string? model = null, string? format = null,
        string? audioUrl = null, string? keepAlive = null, string audioFileName = "song.wav", string? deadline = null, string? language = null, string? callbackUrl = null)
    {
        var form = new MultipartFormDataContent();
        if (audio is not null)
        {
            var file = new ByteArrayContent(audio);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(file, "audio", audioFileName);
        }
        Add(form, "lyrics", lyrics);
        Add(form, "model", model);
        Add(form, "format", format);
        Add(form, "audio_url", audioUrl);
        Add(form, "keep_alive", keepAlive);
        Add(form, "deadline", deadline);
        Add(form, "language", language);
        Add(form, "callback_url", callbackUrl);
        return form;
    }

    /// <summary>An <c>application/json</c> submit of <paramref name="json"/>, sent as is.</summary>
    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static void Add(MultipartFormDataContent form, string name, string? value)
    {
        if (value is not null) form.Add(new StringContent(value), name);
    }
}
