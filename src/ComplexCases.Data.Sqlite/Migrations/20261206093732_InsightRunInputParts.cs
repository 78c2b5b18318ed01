using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InsightRunInputParts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_run_inputs",
                table: "run_inputs");

            migrationBuilder.AddColumn<int>(
                name: "Part",
                table: "run_inputs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_run_inputs",
                table: "run_inputs",
                columns: new[] { "RunId", "Part" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_run_inputs",
                table: "run_inputs");

            migrationBuilder.DropColumn(
                name: "Part",
                table: "run_inputs");

            migrationBuilder.AddPrimaryKey(
                name: "PK_run_inputs",
                table: "run_inputs",
                column: "RunId");
        }
    }
}
