namespace KeyProjects.Web.Features.Photos;

/// <summary>Photos for every feature that takes them (daily posts, problems, reports, visits): registered and served once, here.</summary>
public static class PhotosSetup
{
    public static IServiceCollection AddPhotos(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<PhotoOptions>(config.GetSection(PhotoOptions.Section));
        services.AddScoped<PhotoService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPhotos(this IEndpointRouteBuilder app) => app.MapPhotoEndpoints();
}
