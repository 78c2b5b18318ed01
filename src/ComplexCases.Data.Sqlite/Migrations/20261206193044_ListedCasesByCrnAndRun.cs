using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ListedCasesByCrnAndRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_listed_cases_Crn",
                table: "listed_cases");

            migrationBuilder.CreateIndex(
                name: "IX_listed_cases_Crn_RunId",
                table: "listed_cases",
                columns: new[] { "Crn", "RunId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_listed_cases_Crn_RunId",
                table: "listed_cases");

            migrationBuilder.CreateIndex(
                name: "IX_listed_cases_Crn",
                table: "listed_cases",
                column: "Crn");
        }
    }
}
