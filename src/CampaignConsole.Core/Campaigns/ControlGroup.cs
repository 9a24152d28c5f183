using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// Deterministic hold-out: the same contact is always in or out of a campaign's control group,
/// on every node and after every restart, without storing a draw.
/// </summary>
public static class ControlGroup
{
    public static bool IsHeldOut(long contactId, string campaignId, int percent)
    {
        if (percent <= 0) return false;
        if (percent >= 100) return true;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{campaignId}:{contactId}"), hash);
        return BinaryPrimitives.ReadUInt32BigEndian(hash) % 100 < (uint)percent;
    }
}
