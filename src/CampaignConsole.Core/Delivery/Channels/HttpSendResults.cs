using System.Net;

namespace CampaignConsole.Core.Delivery;

/// <summary>How the HTTP-based senders turn statuses and exceptions into outcomes, so all channels agree.</summary>
internal static class HttpSendResults
{
    private const int SnippetChars = 300;

    /// <summary>2xx sent; 408, 429 and 5xx may pass; every other status will not change on retry.</summary>
    public static SendStatus Classify(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => SendStatus.Sent,
        408 or 429 or >= 500 => SendStatus.RetryableFailure,
        _ => SendStatus.PermanentFailure,
    };

    public static bool IsTimeoutOrNetwork(Exception ex, CancellationToken ct) =>
        ex is HttpRequestException || (ex is OperationCanceledException && !ct.IsCancellationRequested);

    /// <summary>Call only when <see cref="IsTimeoutOrNetwork"/> is true: caller cancellation must propagate instead.</summary>
    public static SendOutcome FromException(string target, Exception ex, TimeSpan timeout) => ex is OperationCanceledException
        ? SendOutcome.Retryable($"{target} timed out after {timeout.TotalSeconds:0.#} s")
        : SendOutcome.Retryable($"{target} unreachable: {ex.Message}");

    /// <summary>The start of a response body, for the failure detail.</summary>
    public static async Task<string> SnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        // Read only the start: an error page from an arbitrary webhook target can be large.
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[SnippetChars * 4];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, length).ReplaceLineEndings(" ").Trim();
        return text.Length <= SnippetChars ? text : text[..SnippetChars] + "…";
    }

    public static string Describe(HttpResponseMessage response) => $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
}
