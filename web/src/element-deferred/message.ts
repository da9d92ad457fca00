// Imported by name so the build adds exactly this component's styles (unplugin-element-plus).
import { ElMessage } from 'element-plus'

export { ElMessage }
