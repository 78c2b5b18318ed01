using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ScreeningRequestDefinitionChoice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "DefinitionId",
                table: "screening_requests",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128,
                oldCollation: "C");

            migrationBuilder.AddColumn<int>(
                name: "DefinitionVersion",
                table: "screening_requests",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DefinitionVersion",
                table: "screening_requests");

            migrationBuilder.AlterColumn<string>(
                name: "DefinitionId",
                table: "screening_requests",
                type: "character varying(128)",
                maxLength: 128,
                nullable: false,
                defaultValue: "",
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(128)",
                oldMaxLength: 128,
                oldNullable: true,
                oldCollation: "C");
        }
    }
}
