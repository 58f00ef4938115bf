using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyProjects.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RegistryChangeNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "Projects",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "RegistryChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ProjectSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    OrgSeq = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistryChanges", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "RegistryChanges",
                columns: new[] { "Id", "OrgSeq", "ProjectSeq" },
                values: new object[] { 1, 0L, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Projects_ChangeSeq",
                table: "Projects",
                column: "ChangeSeq");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegistryChanges");

            migrationBuilder.DropIndex(
                name: "IX_Projects_ChangeSeq",
                table: "Projects");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "Projects");
        }
    }
}
