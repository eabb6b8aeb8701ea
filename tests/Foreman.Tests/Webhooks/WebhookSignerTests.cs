using Foreman.Webhooks;
using Microsoft.Extensions.Options;

namespace Foreman.Tests.Webhooks;

public class WebhookSignerTests
{
    private static WebhookSigner Signer(string? secret) => new(Options.Create(new WebhookOptions { Secret = secret }));

    [Fact]
    public void Sign_StandardWebhooksTestVector_Matches()
    {
        // The example of the Standard Webhooks specification (and of its reference libraries).
        var signature = Signer("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").Sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}");
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
    }

    [Fact]
    public void Sign_SecretWithoutPrefix_KeyedWithItsUtf8Bytes()
    {
        var plain = Signer("a-plain-shared-secret").Sign("id", 1, "{}");
        var prefixed = Signer("whsec_" + Convert.ToBase64String("a-plain-shared-secret"u8.ToArray())).Sign("id", 1, "{}");
        Assert.Equal(prefixed, plain);
    }

    [Theory]
    [InlineData("whsec_not base64!")]
    [InlineData("whsec_c2hvcnQ=")] // "short": under 16 bytes
    [InlineData("too-short")]
    public void Options_BadSecret_AreRefused(string secret)
    {
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        var options = new WebhookOptions { Secret = secret };
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("Secret"));
    }

    [Fact]
    public void Disabled_WithoutSecret()
    {
        Assert.False(Signer(null).Enabled);
        Assert.False(Signer("").Enabled);
        Assert.Throws<InvalidOperationException>(() => Signer(null).Sign("id", 1, "{}"));
    }
}
