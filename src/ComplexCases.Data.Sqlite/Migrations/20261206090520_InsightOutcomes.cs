using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InsightOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outcome_imports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RowsRead = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsAccepted = table.Column<int>(type: "INTEGER", nullable: false),
                    RowsRejected = table.Column<int>(type: "INTEGER", nullable: false),
                    Duplicates = table.Column<int>(type: "INTEGER", nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outcome_imports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "run_inputs",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Format = table.Column<int>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    Records = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_run_inputs", x => x.RunId);
                    table.ForeignKey(
                        name: "FK_run_inputs_screening_runs_RunId",
                        column: x => x.RunId,
                        principalTable: "screening_runs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outcomes",
                columns: table => new
                {
                    Crn = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Type = table.Column<byte>(type: "INTEGER", nullable: false),
                    ImportId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outcomes", x => new { x.Crn, x.OccurredOn, x.Type });
                    table.ForeignKey(
                        name: "FK_outcomes_outcome_imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "outcome_imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_outcomes_ImportId",
                table: "outcomes",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_outcomes_OccurredOn",
                table: "outcomes",
                column: "OccurredOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "outcomes");

            migrationBuilder.DropTable(
                name: "run_inputs");

            migrationBuilder.DropTable(
                name: "outcome_imports");
        }
    }
}
