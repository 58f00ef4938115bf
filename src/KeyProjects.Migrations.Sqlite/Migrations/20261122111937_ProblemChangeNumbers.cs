using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyProjects.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProblemChangeNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "Problems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "ProblemChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProblemChanges", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ProblemChanges",
                columns: new[] { "Id", "Seq" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_Problems_ChangeSeq",
                table: "Problems",
                column: "ChangeSeq");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProblemChanges");

            migrationBuilder.DropIndex(
                name: "IX_Problems_ChangeSeq",
                table: "Problems");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "Problems");
        }
    }
}
