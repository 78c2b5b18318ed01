using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DefinitionLibrary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "definitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "definitions",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "definition_adoptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DefinitionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AdoptedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AdoptedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_definition_adoptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_definition_adoptions_definitions_DefinitionId_DefinitionVersion",
                        columns: x => new { x.DefinitionId, x.DefinitionVersion },
                        principalTable: "definitions",
                        principalColumns: new[] { "Id", "Version" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_definition_adoptions_DefinitionId_DefinitionVersion",
                table: "definition_adoptions",
                columns: new[] { "DefinitionId", "DefinitionVersion" });

            migrationBuilder.CreateIndex(
                name: "IX_definition_adoptions_EffectiveFrom",
                table: "definition_adoptions",
                column: "EffectiveFrom");

            // Hand-edited, like the audit log's triggers: a saved version is never changed (a change is a new version), and an
            // adoption is a decision on record (a later one supersedes it), so the database refuses to alter either.
            migrationBuilder.Sql("""
                CREATE TRIGGER definitions_no_update BEFORE UPDATE ON definitions
                BEGIN SELECT RAISE(ABORT, 'definitions are immutable: save a new version'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER definition_adoptions_no_update BEFORE UPDATE ON definition_adoptions
                BEGIN SELECT RAISE(ABORT, 'definition_adoptions are decisions on record: adopt again instead'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER definition_adoptions_no_delete BEFORE DELETE ON definition_adoptions
                BEGIN SELECT RAISE(ABORT, 'definition_adoptions are decisions on record: adopt again instead'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS definition_adoptions_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS definition_adoptions_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS definitions_no_update;");
            migrationBuilder.DropTable(
                name: "definition_adoptions");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "definitions");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "definitions");
        }
    }
}
