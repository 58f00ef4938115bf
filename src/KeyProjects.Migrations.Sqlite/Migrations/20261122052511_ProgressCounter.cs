using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KeyProjects.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ProgressCounter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ProgressSeq",
                table: "RegistryChanges",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.UpdateData(
                table: "RegistryChanges",
                keyColumn: "Id",
                keyValue: 1,
                column: "ProgressSeq",
                value: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProgressSeq",
                table: "RegistryChanges");
        }
    }
}
