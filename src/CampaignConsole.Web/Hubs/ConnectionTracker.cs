using System.Collections.Concurrent;

namespace CampaignConsole.Web.Hubs;

/// <summary>
/// Who is connected to the hub on this node: the console's live view reads it. Counts visitors (a
/// user with three tabs is one) as well as connections.
/// </summary>
public sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<string, string> _visitorByConnection = new();

    /// <summary>Raised after a connection opens or closes.</summary>
    public event Action? Changed;

    public int Connections => _visitorByConnection.Count;

    public int Visitors => _visitorByConnection.Values.Distinct().Count();

    public void Connected(string connectionId, string visitorKey)
    {
        _visitorByConnection[connectionId] = visitorKey;
        Changed?.Invoke();
    }

    public void Disconnected(string connectionId)
    {
        if (_visitorByConnection.TryRemove(connectionId, out _)) Changed?.Invoke();
    }

    public bool IsOnline(string visitorKey) => _visitorByConnection.Values.Contains(visitorKey);
}
