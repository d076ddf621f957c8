from django.core.management.base import BaseCommand

from dateline.demo.loader import load_demo, login_file


class Command(BaseCommand):
    help = "Load the fictional city of Calder Springs once; later runs keep every edit."

    def handle(self, *args, **options):
        result = load_demo()
        if not result.loaded:
            self.stdout.write("\n".join(result.messages))
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded the demo city: {result.releases} releases, {result.images} images, "
                f"{result.documents} documents."
            )
        )
        if result.password:
            self.stdout.write(f"Admin login: {result.username} / {result.password}")
            self.stdout.write(f"(saved in {login_file()})")
