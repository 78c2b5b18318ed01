using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DataRulesIncompleteRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "IncompleteRecordsCriteriaUnknown",
                table: "screening_runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "IncompleteRecordsListed",
                table: "screening_runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "IncompleteRecordsPeople",
                table: "screening_runs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IncompleteRecordsCriteriaUnknown",
                table: "screening_runs");

            migrationBuilder.DropColumn(
                name: "IncompleteRecordsListed",
                table: "screening_runs");

            migrationBuilder.DropColumn(
                name: "IncompleteRecordsPeople",
                table: "screening_runs");
        }
    }
}
