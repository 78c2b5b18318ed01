using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplexCases.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeetingExpertiseGap : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NeededExpertise",
                table: "panel_meetings",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotInvitedExpertise",
                table: "panel_meetings",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotPresentExpertise",
                table: "panel_meetings",
                type: "TEXT",
                maxLength: 400,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NeededExpertise",
                table: "panel_meetings");

            migrationBuilder.DropColumn(
                name: "NotInvitedExpertise",
                table: "panel_meetings");

            migrationBuilder.DropColumn(
                name: "NotPresentExpertise",
                table: "panel_meetings");
        }
    }
}
