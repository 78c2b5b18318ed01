using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RejectedRowsByFileAndLine : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_rejected_rows_RunId",
                table: "rejected_rows");

            migrationBuilder.CreateIndex(
                name: "IX_rejected_rows_RunId_FileName_Line",
                table: "rejected_rows",
                columns: new[] { "RunId", "FileName", "Line" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_rejected_rows_RunId_FileName_Line",
                table: "rejected_rows");

            migrationBuilder.CreateIndex(
                name: "IX_rejected_rows_RunId",
                table: "rejected_rows",
                column: "RunId");
        }
    }
}
