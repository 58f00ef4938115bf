namespace KeyProjects.Domain.Visits;

/// <summary>What kind of visit a 分包领导 made (WORKFLOWS.md §4).</summary>
public enum VisitType
{
    /// <summary>调研督导</summary>
    Inspection = 1,
    /// <summary>现场办公</summary>
    OnSiteOffice = 2,
    /// <summary>观摩</summary>
    Observation = 3,
}
