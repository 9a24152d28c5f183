namespace CampaignConsole.Core.Common;

/// <summary>The outcome of a command: a value, or validation errors keyed by field (RFC 7807 `errors`).</summary>
public sealed record Result<T>(T? Value, IDictionary<string, string[]>? Errors, bool NotFound = false)
{
    public bool IsOk => Errors is null && !NotFound;

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Invalid(IDictionary<string, string[]> errors) => new(default, errors);

    public static Result<T> Invalid(string field, string error) => new(default, new Dictionary<string, string[]> { [field] = [error] });

    public static Result<T> Missing() => new(default, null, true);
}
