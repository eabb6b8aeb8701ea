namespace Foreman.Inputs.S3;

/// <summary>An object named by an <c>s3://bucket/key</c> URL.</summary>
public sealed record S3Location(string Bucket, string Key)
{
    public static S3Location Parse(Uri url) => new(url.Host, Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')));

    public override string ToString() => $"s3://{Bucket}/{Key}";
}
