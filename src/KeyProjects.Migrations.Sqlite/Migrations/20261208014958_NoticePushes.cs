using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyProjects.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NoticePushes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PushedAtUtc",
                table: "Notices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "NoticePushes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Target = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DedupeKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Args = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Claim = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ClaimedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextTryAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NoticePushes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notices_PushedAtUtc",
                table: "Notices",
                column: "PushedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_NoticePushes_SentAtUtc_Target",
                table: "NoticePushes",
                columns: new[] { "SentAtUtc", "Target" });

            migrationBuilder.CreateIndex(
                name: "IX_NoticePushes_Target_DedupeKey",
                table: "NoticePushes",
                columns: new[] { "Target", "DedupeKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NoticePushes");

            migrationBuilder.DropIndex(
                name: "IX_Notices_PushedAtUtc",
                table: "Notices");

            migrationBuilder.DropColumn(
                name: "PushedAtUtc",
                table: "Notices");
        }
    }
}
