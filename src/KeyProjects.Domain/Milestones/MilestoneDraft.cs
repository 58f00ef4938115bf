namespace KeyProjects.Domain.Milestones;

/// <summary>A milestone as a person enters it. The baseline is the first planned date and is never part of an edit.</summary>
public sealed record MilestoneDraft
{
    public string Name { get; init; } = "";
    public string? Owner { get; init; }
    public DateOnly? PlannedDate { get; init; }
    public DateOnly? ActualDate { get; init; }
    public int SortOrder { get; init; }
    public string? Note { get; init; }
}

/// <summary>Why the planned date moves, given only when it moves.</summary>
public sealed record DateChangeReason(MilestoneChangeReason? Code, string? Note);
