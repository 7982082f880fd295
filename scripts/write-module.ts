import { MODULE_DIR, writeModule } from "../lib/module/module-files";

// `npm run module`: writes the ai-ecs-service Terraform module (HCL, JSON under json/, README)
// to dist/terraform-module/ai-ecs-service, or to the directory given as the first argument.
if (require.main === module) {
  const dir = process.argv[2] ?? MODULE_DIR;
  const files = writeModule(dir);
  for (const file of files) console.log(`${String(file.bytes).padStart(7)} bytes  ${file.path}`);
  console.log(`${files.reduce((n, f) => n + f.bytes, 0)} bytes in ${files.length} files`);
}
