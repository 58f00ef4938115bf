using BenchmarkDotNet.Attributes;
using KeyProjects.Dataset;
using KeyProjects.Domain.Projects;

namespace KeyProjects.Bench;

/// <summary>ProjectRules.Validate over every draft of a 20,000-row import (the import validates each row before writing).</summary>
public class ValidateBenchmarks
{
    private ProjectDraft[] _drafts = [];
    private readonly DateOnly _today = ProvinceProjects.AsOf;

    [GlobalSetup]
    public void Setup()
    {
        _drafts = ProvinceProjects.Generate().Select(p => p.Draft with { OrgId = 1 }).ToArray();
        if (Validate20000() != 0) throw new InvalidOperationException("The generated drafts should all be valid.");
    }

    [Benchmark(Description = "ProjectRules.Validate × 20,000 drafts")]
    public int Validate20000()
    {
        var errors = 0;
        foreach (var draft in _drafts) errors += ProjectRules.Validate(draft, _today).Count;
        return errors;
    }
}
