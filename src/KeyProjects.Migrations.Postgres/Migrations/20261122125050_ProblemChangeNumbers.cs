using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyProjects.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProblemChangeNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProblemChangeLog",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    ProblemId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemChangeLog", x => new { x.Seq, x.ProblemId });
                });

            migrationBuilder.CreateTable(
                name: "ProblemChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemChanges", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ProblemChanges",
                columns: new[] { "Id", "Seq" },
                values: new object[] { 1, 0L });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProblemChangeLog");

            migrationBuilder.DropTable(
                name: "ProblemChanges");
        }
    }
}
